import * as AC from 'adaptivecards';
import {
  errorSample,
  errorTemplate,
  render,
  triageExplainSample,
  triageExplainTemplate,
  unrelatedSample,
  unrelatedTemplate,
  welcomeSample,
  welcomeTemplate,
  type AdaptiveCardJson,
} from '../../../cards';
import {
  noneFitSample,
  noneFitTemplate,
  notItSample,
  notItTemplate,
} from '../../../cards/triage/not-it';

/** Every template rendered with its sample, and texts a reader must see on it. */
export interface CardCase {
  /** File-name-safe name, used for screenshots. */
  name: string;
  render: () => AdaptiveCardJson;
  keyTexts: string[];
}

export const CARD_CASES: CardCase[] = [
  {
    name: 'common-welcome',
    render: () => render(welcomeTemplate, welcomeSample),
    keyTexts: [
      'Sign-in Helpdesk',
      'AADSTS53003',
      'Why that account cannot sign in now',
      'Never paste a password',
    ],
  },
  {
    name: 'common-error',
    render: () => render(errorTemplate, errorSample),
    keyTexts: [errorSample.title, errorSample.message, errorSample.reference ?? '?'],
  },
  {
    name: 'triage-explain',
    render: () => render(triageExplainTemplate, triageExplainSample),
    keyTexts: [
      triageExplainSample.title,
      'AADSTS53003',
      'What to do next',
      'Correlation ID',
      '2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47',
      'user@sandbox.example',
      'only its first part was read',
      'Ask the helpdesk',
    ],
  },
  {
    name: 'triage-unrelated',
    render: () => render(unrelatedTemplate, unrelatedSample),
    keyTexts: ["doesn't look like a sign-in error", 'AADSTS50076', 'Type help'],
  },
  {
    name: 'triage-not-it',
    render: () => render(notItTemplate, notItSample),
    keyTexts: [
      'Which of these fits better?',
      'a password that was not accepted',
      'Closest to your message',
      'A locked account',
      'Other problems',
      'None of these',
      'Show me this',
    ],
  },
  {
    // With no leads: one list, no group headings.
    name: 'triage-not-it-no-leads',
    render: () => {
      const { leads: _leads, ...choices } = notItSample;
      return render(notItTemplate, { ...choices, leads: [] });
    },
    keyTexts: [
      'Which of these fits better?',
      'An expired password',
      'None of these',
      'Show me this',
    ],
  },
  {
    name: 'triage-none-fit',
    render: () => render(noneFitTemplate, noneFitSample),
    keyTexts: ['Then the helpdesk is the best next step', 'Ask the helpdesk'],
  },
];

/**
 * Parses a card with the Adaptive Cards SDK as a 1.5 host would and returns every parse and
 * validation event as text. An empty list means the SDK found nothing wrong.
 */
export function adaptiveCardsProblems(json: object): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(`validate: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return problems;
}

/** The card as the SDK reads it back: properties it does not know are gone. */
export function adaptiveCardsRoundTrip(json: object): unknown {
  const card = new AC.AdaptiveCard();
  card.parse(json, new AC.SerializationContext(AC.Versions.v1_5));
  return card.toJSON(new AC.SerializationContext(AC.Versions.v1_5));
}

/** Every Action.Execute in a card, wherever it sits. */
export function executeActions(json: unknown): Array<{ verb: unknown; data: unknown }> {
  const found: Array<{ verb: unknown; data: unknown }> = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.type === 'Action.Execute') found.push({ verb: record.verb, data: record.data });
      Object.values(record).forEach(walk);
    }
  };
  walk(json);
  return found;
}

/** Every string shown by a card: texts, titles, fact titles and values. */
export function visibleTexts(json: unknown): string[] {
  const texts: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string' && ['text', 'title', 'value'].includes(key)) texts.push(value);
    else if (Array.isArray(value)) value.forEach((item) => walk(item, key));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) if (k !== 'data') walk(v, k);
    }
  };
  walk(json, '');
  return texts;
}
