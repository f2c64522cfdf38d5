import type { Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { answerCardData, answerTemplate } from '../../cards/answers/answer';
import { questionCardData, questionTemplate } from '../../cards/triage/question';
import { unrelatedCardData, unrelatedTemplate } from '../../cards/triage/unrelated';
import { unsureCardData, unsureTemplate } from '../../cards/triage/unsure';
import {
  ACCOUNT_CHECK,
  accountCheckTriage,
  ownQuestionTriage,
} from '../../src/diagnosis/account-check';
import {
  isTroubleshootingDetails,
  troubleshootingDetailsTriage,
} from '../../src/diagnosis/ids-only';
import {
  isAboutOthers,
  isPlainSignInComplaint,
  plainComplaintTriage,
} from '../../src/diagnosis/complaint';
import { findAnswer, playbookAnswer, topicPhraseAnswer } from '../../src/answers/find-answer';
import { tenantFacts, type TenantFactsReader } from '../../src/answers/tenant-facts';
import type { PasteReader } from '../../src/triage/off-thread';
import { noteDiagnosis, tracedTriageAsync } from '../../src/telemetry';
import { smallTalkKind } from '../../src/triage/chatter';
import { cardActivity } from '../cards';
import { diagnosisActivity, explainCard, type DiagnosisBotDeps } from '../diagnosis';
import { answerReaderOf, HELP_WORDS, helpActivity, type HelpRoles } from './help';

const SMALL_TALK_REPLIES = {
  thanks: 'Glad that helped. If a sign-in stops you again, paste the error here.',
  farewell: 'Bye. If a sign-in stops you again, paste the error here.',
  other: 'Whenever a sign-in stops you, paste the error here; type help to see what I can do.',
} as const;

/**
 * A greeting or an empty message gets the welcome card; a short thanks or acknowledgement a line
 * in kind; anything else is triaged: a how-to question gets the question card, and a sign-in
 * error is diagnosed from the tenant. The triage card alone answers only when the sender has no
 * Entra identity in this chat. A helpdesk agent or an admin naming a playbook
 * topic in a few words ("number matching", "is TAP enabled in our tenant?") gets the topic's
 * answer, with the tenant's own setting where the bot reads it, not a diagnosis of their account.
 */
async function onMessage(
  context: TurnContext,
  diagnosis: DiagnosisBotDeps,
  roles: HelpRoles,
  pastes: PasteReader,
  tenant: TenantFactsReader,
): Promise<void> {
  const text = context.activity.text ?? '';
  if (!text.trim()) {
    // Action.Submit from an old client arrives as a message with a value and no text.
    if (context.activity.value !== undefined) return;
    await context.sendActivity(await helpActivity(context, roles));
    return;
  }
  if (HELP_WORDS.test(text)) {
    await context.sendActivity(await helpActivity(context, roles));
    return;
  }
  const social = smallTalkKind(text);
  if (social !== undefined) {
    // "thanks, that worked": a word in kind, not "that doesn't look like a sign-in error".
    await context.sendActivity(SMALL_TALK_REPLIES[social]);
    return;
  }
  const topic = topicPhraseAnswer(text);
  if (topic && (await answerReaderOf(context, roles)) === 'staff') {
    const facts = await tenantFacts(topic.entry.id, tenant);
    await context.sendActivity(cardActivity(answerTemplate, answerCardData(topic, 'staff', facts)));
    return;
  }
  const read = await tracedTriageAsync(async () =>
    ACCOUNT_CHECK.test(text)
      ? accountCheckTriage(text)
      : (ownQuestionTriage(text) ?? pastes.read(text)),
  );
  const details = isTroubleshootingDetails(text, read);
  const complaint = !details && isPlainSignInComplaint(text, read);
  if (complaint && isAboutOthers(text)) {
    // "AVD users can't sign in": the asker's own sign-ins say nothing about them; the playbook's
    // answer on the topic does, where it has one.
    const answer = findAnswer(text);
    if (answer.kind === 'answer') {
      await context.sendActivity(
        cardActivity(answerTemplate, answerCardData(answer, await answerReaderOf(context, roles))),
      );
      return;
    }
  }
  const result = details
    ? // The troubleshooting ids of a sign-in page, pasted alone: the sign-in they point at.
      troubleshootingDetailsTriage(read)
    : complaint
      ? // "I can't log in": the person's own latest failed sign-in says what went wrong.
        plainComplaintTriage(read)
      : read;
  if (result.intent === 'unrelated') {
    // An admin's few words on a playbook topic ("which apps are stale") are answered from it.
    const playbook = playbookAnswer(text);
    if (playbook) {
      await context.sendActivity(
        cardActivity(
          answerTemplate,
          answerCardData(playbook, await answerReaderOf(context, roles)),
        ),
      );
      return;
    }
    // A weak resemblance to a known error asks for the error instead of guessing.
    await context.sendActivity(
      result.unsure === undefined
        ? cardActivity(unrelatedTemplate, unrelatedCardData(text, result))
        : cardActivity(unsureTemplate, unsureCardData(text, result)),
    );
    return;
  }
  if (result.intent === 'question') {
    // A how-to question is never diagnosed as the asker's own blocked sign-in: the knowledge base
    // answers it when it knows the topic, else the card says what the bot can do.
    const answer = findAnswer(text);
    await context.sendActivity(
      answer.kind === 'answer'
        ? cardActivity(answerTemplate, answerCardData(answer, await answerReaderOf(context, roles)))
        : cardActivity(questionTemplate, questionCardData(result)),
    );
    return;
  }
  const diagnosed = await diagnosisActivity(context, result, diagnosis);
  if (diagnosed) noteDiagnosis(result.intent);
  await context.sendActivity(
    diagnosed ??
      MessageFactory.attachment(
        CardFactory.adaptiveCard(await explainCard(context.activity.from, result, diagnosis)),
      ),
  );
}

/** Registered last: every other message route is more specific than this catch-all. */
export function registerMessageRoutes(
  app: Application<TurnState>,
  diagnosis: DiagnosisBotDeps,
  roles: HelpRoles,
  pastes: PasteReader,
  tenant: TenantFactsReader,
): void {
  app.activity('message', async (context) => onMessage(context, diagnosis, roles, pastes, tenant));
}
