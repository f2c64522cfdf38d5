import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { logFailure } from '../failures';
import type { DirectorySearch } from '../../src/remediation/ports';
import type { RemediationService } from '../../src/remediation/service';

/** The Data.Query datasets of the fix forms (cards/diagnosis/diagnosis.json, cards/remediation). */
export const SEARCH_DATASETS = ['groups', 'users'] as const;
const MAX_RESULTS = 15;
const MAX_TYPED = 64;

/**
 * Answers the typeahead of a fix's form (an `application/search` invoke): groups or people of
 * the tenant whose names start with what was typed. Only the helpdesk may look the directory up
 * this way; anyone else, or a failed lookup, gets no choices (the form then cannot be sent).
 */
export function registerSearchRoute(
  app: Application<TurnState>,
  deps: { service: RemediationService; search: DirectorySearch },
): void {
  app.adaptiveCards.search([...SEARCH_DATASETS], async (context, _state, query) => {
    const typed = query.parameters.queryText.trim().slice(0, MAX_TYPED);
    const personId = context.activity.from?.aadObjectId;
    if (typed === '' || !personId) return [];
    if (!(await deps.service.mayReadAudit({ id: personId }))) return [];
    const top = Math.max(1, Math.min(MAX_RESULTS, query.count));
    try {
      const found =
        query.parameters.dataset === 'users'
          ? await deps.search.users(typed, top)
          : await deps.search.groups(typed, top);
      return found.map((choice) => ({ title: choice.title, value: choice.id }));
    } catch (error) {
      logFailure('search-failed', error, { dataset: datasetOf(context) });
      return [];
    }
  });
}

function datasetOf(context: TurnContext): string {
  const value = context.activity.value as { dataset?: unknown } | undefined;
  return typeof value?.dataset === 'string' ? value.dataset.slice(0, 20) : '';
}
