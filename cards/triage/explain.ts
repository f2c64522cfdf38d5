import { z } from 'zod';
import { cardId } from '../common/ids';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import type { CatalogEntry, ErrorIntent, Triage, TriageFields } from '../../src/triage/types';
import type { CardTemplate } from '../render';
import { notItFields, notItPayload, type NotItPayload } from './correction';
import json from './explain.json';
import { helpdeskStepsFor, userStepsFor } from './user-steps';
import { WINDOWS_KEY_HEADLINES } from '../../src/diagnosis/kinds/device-key';

/** The triage result for one paste: what happened, what to do, what the paste told us. */
export interface TriageCardData {
  /** The plain meaning, as a headline. */
  title: string;
  /** The deciding code, e.g. "AADSTS53003"; absent when the paste had none. */
  code?: string;
  /**
   * The other errors in the paste, e.g. "AADSTS50158 (sign-in did not complete), AADSTS50076
   * (extra verification needed)"; a code-less one is named by what it means.
   */
  otherCodes?: string;
  /** What it means for the reader. */
  meaning: string;
  /** What the helpdesk should understand and check; shown only to helpdesk readers. */
  helpdeskNote?: string;
  /** Ordered steps; the card numbers them. */
  nextSteps: Array<{ step: string }>;
  /** Details extracted from the paste; only fields the paste carried. */
  facts: Array<{ title: string; value: string }>;
  /** The paste was longer than the bot reads and was cut. */
  truncated: boolean;
  /** Present only when the reader may ask the helpdesk; the button carries this id alone. */
  askHelpdesk?: { triageId: string };
  /** "That's not it", on a reading from words alone only (correction.ts). */
  notIt?: NotItPayload;
}

const text = z.string().trim().min(1);
const id = cardId;

const schema = z
  .object({
    title: text.max(200),
    code: text.max(40).optional(),
    otherCodes: text.max(400).optional(),
    meaning: text.max(2000),
    helpdeskNote: text.max(2000).optional(),
    nextSteps: z
      .array(z.object({ step: text.max(1000) }).strict())
      .min(1)
      .max(12),
    facts: z.array(z.object({ title: text.max(40), value: text.max(300) }).strict()).max(12),
    truncated: z.boolean(),
    askHelpdesk: z.object({ triageId: id }).strict().optional(),
    notIt: z
      .object({ v: z.literal(1), ...notItFields })
      .strict()
      .optional(),
  })
  .strict();

export const triageExplainTemplate: CardTemplate<TriageCardData> = {
  name: 'triage/explain',
  json,
  schema,
};

export interface TriageCardOptions {
  /**
   * `user`: the person who was blocked reads it. `helpdesk`: a helpdesk member reads it, and also
   * gets the catalog's helpdesk text.
   */
  audience: 'user' | 'helpdesk';
  /**
   * Id under which the caller stored this triage. With `offerHelpdeskRequest` it puts the
   * "Ask the helpdesk" button on the card; the button carries this id and nothing else.
   */
  triageId?: string;
  offerHelpdeskRequest?: boolean;
  /** Offer "That's not it" when the reading came from words alone. */
  offerCorrection?: boolean;
}

/** Headline per intent: the plain meaning, from the blocked person's side. */
const TITLES: Record<ErrorIntent, string> = {
  'ca-blocked': "Your organization's access rules blocked this sign-in",
  'device-noncompliant': "Your device doesn't meet your organization's requirements",
  'device-not-domain-joined': 'This sign-in needs a device registered with your organization',
  'risky-user-blocked': 'Sign-in was blocked because your account looks at risk',
  'tap-blocked': 'Your Temporary Access Pass was not accepted',
  'password-banned': 'That password is not allowed',
  'mfa-required-or-failed': 'Extra verification was needed and did not complete',
  'account-locked': 'Your account is locked for now',
  'account-disabled': 'Your account is turned off',
  'invalid-password': 'The password was not accepted',
  'password-expired': 'Your password has expired',
  'user-not-found': 'That account was not found',
  'legacy-auth-blocked': 'An older sign-in method was blocked',
  'app-misconfigured': 'The app you used is set up incorrectly',
  'consent-required': 'The app needs permission before you can use it',
  'other-known': 'Sign-in did not complete',
};

/** What another error in the same paste means, in a few words. */
const SHORT_LABELS: Record<ErrorIntent, string> = {
  'ca-blocked': 'blocked by an access rule',
  'device-noncompliant': 'device not compliant',
  'device-not-domain-joined': 'device not registered',
  'risky-user-blocked': 'account looks at risk',
  'tap-blocked': 'Temporary Access Pass refused',
  'password-banned': 'password not allowed',
  'mfa-required-or-failed': 'extra verification needed',
  'account-locked': 'account locked',
  'account-disabled': 'account turned off',
  'invalid-password': 'password not accepted',
  'password-expired': 'password expired',
  'user-not-found': 'account not found',
  'legacy-auth-blocked': 'older sign-in method blocked',
  'app-misconfigured': 'app set up incorrectly',
  'consent-required': 'app needs permission',
  'other-known': 'sign-in did not complete',
};
const MAX_OTHERS_SHOWN = 8;

const UNKNOWN_CODE_MEANING =
  'The sign-in service returned an error this bot does not know yet, so it cannot say more about it.';
const UNKNOWN_CODE_STEPS = [
  'Try signing in again in a few minutes; some of these errors pass on their own.',
  'If it keeps happening, ask the helpdesk and include the full error text.',
];

/** Longest value shown for a field taken from the paste. */
const MAX_FACT_CHARS = 200;

/**
 * Text a user pasted is shown back only through these fields. Teams renders TextBlocks and fact
 * values as Markdown, so link and markup brackets are dropped: a paste cannot plant a clickable
 * link in a card that a helpdesk member trusts.
 */
function pasted(value: string): string {
  const plain = value
    .replace(/[[\]<>`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > MAX_FACT_CHARS ? `${plain.slice(0, MAX_FACT_CHARS - 1)}…` : plain;
}

function appLabel(fields: TriageFields): string | undefined {
  const name = fields.appName === undefined ? '' : pasted(fields.appName);
  const appId = fields.appId === undefined ? '' : pasted(fields.appId);
  if (name !== '' && appId !== '') return `${name} (${appId})`;
  return name !== '' ? name : appId !== '' ? appId : undefined;
}

/** Facts in a fixed order; a field missing from the paste is left out, never shown empty. */
function factsFrom(fields: TriageFields): Array<{ title: string; value: string }> {
  const rows: Array<[string, string | undefined]> = [
    ['Correlation ID', fields.correlationId],
    ['Request ID', fields.requestId],
    ['Time', fields.timestamp],
    ['App', appLabel(fields)],
    ['Signed in as', fields.upn],
    ['Device platform', fields.devicePlatform],
    ['Device state', fields.deviceState],
    ['IP address', fields.ip],
  ];
  const facts: Array<{ title: string; value: string }> = [];
  for (const [title, raw] of rows) {
    const value = raw === undefined ? '' : pasted(raw);
    if (value !== '') facts.push({ title, value });
  }
  return facts;
}

const codeLabel = (code: number): string => `AADSTS${code}`;

/** The blocked person gets steps they can take; the helpdesk gets the catalog's steps. */
function stepsFor(
  triage: Triage,
  audience: TriageCardOptions['audience'],
  catalogSteps: string[] | undefined,
): string[] {
  if (triage.intent === 'unrelated' || triage.intent === 'question') return UNKNOWN_CODE_STEPS;
  if (audience === 'user') {
    return userStepsFor(triage.intent, triage.code, triage.client, triage.message?.id);
  }
  return catalogSteps === undefined
    ? UNKNOWN_CODE_STEPS
    : helpdeskStepsFor(triage.code, triage.client, catalogSteps);
}

/** The other errors of a paste as one line; codes the triage did not list are added. */
function otherErrors(triage: Triage, deciding: number | undefined): string | undefined {
  const listed = triage.others ?? [];
  const labels = listed.map((other) =>
    other.code === undefined
      ? SHORT_LABELS[other.intent]
      : `${codeLabel(other.code)} (${SHORT_LABELS[other.intent]})`,
  );
  const named = new Set(listed.map((other) => other.code));
  for (const code of triage.codes) {
    if (code !== deciding && !named.has(code)) labels.push(codeLabel(code));
  }
  if (labels.length === 0) return undefined;
  const shown = labels.slice(0, MAX_OTHERS_SHOWN).join(', ');
  return labels.length > MAX_OTHERS_SHOWN
    ? `${shown} and ${labels.length - MAX_OTHERS_SHOWN} more`
    : shown;
}

/**
 * Maps a triage result to the explain card's data. Intents `unrelated` and `question` have their
 * own cards (unrelatedTemplate, questionTemplate); passing them here is a programming error and
 * throws.
 */
export function triageCardData(triage: Triage, options: TriageCardOptions): TriageCardData {
  if (triage.intent === 'unrelated' || triage.intent === 'question') {
    throw new Error(
      `triageCardData: intent "${triage.intent}" is shown with the ${triage.intent} card`,
    );
  }
  const explained: Pick<CatalogEntry, 'userText' | 'helpdeskText' | 'nextSteps'> | undefined =
    triage.entry ?? triage.message;

  const deciding = triage.code ?? triage.codes[0];
  const others = otherErrors(triage, deciding);

  const data: TriageCardData = {
    title: (triage.message && WINDOWS_KEY_HEADLINES[triage.message.id]) ?? TITLES[triage.intent],
    meaning: explained?.userText ?? UNKNOWN_CODE_MEANING,
    nextSteps: stepsFor(triage, options.audience, explained?.nextSteps).map((step) => ({ step })),
    facts: factsFrom(triage.fields),
    truncated: triage.truncated,
  };
  if (deciding !== undefined) data.code = codeLabel(deciding);
  if (others !== undefined) data.otherCodes = others;
  if (options.audience === 'helpdesk' && explained !== undefined) {
    data.helpdeskNote = explained.helpdeskText;
  }
  if (options.offerHelpdeskRequest === true && options.triageId !== undefined) {
    data.askHelpdesk = { triageId: options.triageId };
  }
  const notIt =
    options.offerCorrection === true ? notItPayload(triage, data.askHelpdesk?.triageId) : undefined;
  if (notIt !== undefined) data.notIt = notIt;
  return data;
}

/** A blocked-by-Conditional-Access paste from the demo tenant's ordinary member. */
export const sampleTriage: Triage = {
  intent: 'ca-blocked',
  code: 53003,
  codes: [50158, 53003],
  fields: {
    correlationId: '2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47',
    requestId: '9a1d4c7e-2b58-4f03-8e6a-5d0c3b7f1e92',
    timestamp: '2025-03-14T09:26:41Z',
    appName: 'Office 365 Exchange Online',
    appId: '00000002-0000-0ff1-ce00-000000000000',
    upn: DEMO_USERS.member.upn,
    devicePlatform: 'iOS',
    deviceState: 'Unregistered',
    ip: '203.0.113.24',
  },
  entry: {
    code: 53003,
    name: 'BlockedByConditionalAccess',
    intent: 'ca-blocked',
    userText:
      'A Conditional Access policy in your organization stopped this sign-in. It looked at where you signed in from, which device or app you used, and decided not to let it through.',
    helpdeskText:
      'Open the sign-in log entry for this correlation ID and read which Conditional Access policy failed and which of its conditions matched.',
    nextSteps: [
      'Try again from a device your organization manages, such as your work laptop.',
      'If you are travelling or on a new network, say so when you ask the helpdesk.',
      'Ask the helpdesk: they can see which rule stopped you and whether an exception is allowed.',
    ],
    diagnosis: 'conditional-access',
    documented: true,
  },
  confidence: 0.95,
  truncated: true,
};

export const triageExplainSample: TriageCardData = triageCardData(sampleTriage, {
  audience: 'user',
  triageId: 'tri-01J8ZK3Q5N2W7D',
  offerHelpdeskRequest: true,
});
