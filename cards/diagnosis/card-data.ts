import { mayCheckAgain, type Finding, type Diagnosis } from '../../src/diagnosis/types';
import { actionLabel } from '../../src/remediation/describe';
import { isAdminChangeKind, type ActionKind } from '../../src/remediation/action-kinds';
import type { NotItPayload } from '../triage/correction';
import { helpdeskStepsFor, userStepsFor } from '../triage/user-steps';
import { FIX_NOTE_PREFIX } from '../verbs';
import { diagnosisBanner, type DiagnosisBanner } from './banner';
import { KIND_PARTS, type KindParts } from './kinds';
import { DEFAULT_FORM_LIMITS, formFor, type OfferForm, type OfferFormLimits } from './offer-forms';

/**
 * The data of the one diagnosis card template (diagnosis.json), built from a Diagnosis by
 * diagnosisCardData(). What differs by kind of problem (label, colour, section headings) is data
 * too (`kind`, from kinds.ts).
 *
 * Text from the tenant (policy names, device names, sign-in fields) and from the paste reaches the
 * card only through `shown()`: Teams renders TextBlocks as Markdown, so brackets are dropped and
 * length capped, and a name in the tenant cannot plant a link in a card the helpdesk trusts.
 */

export interface Fact {
  title: string;
  value: string;
}

export interface FindingView {
  /** Absent when it would only repeat its section's heading. */
  title?: string;
  detail: string;
  facts: Fact[];
}

/** Button data for asking a fix: ids only, checked again on click. */
export interface OfferPayload {
  v: 1;
  action: ActionKind;
  subjectId: string;
  targetId?: string;
  /** A pass under a policy that allows one-time passes only is asked for as one, knowingly. */
  oneTimeUse?: 'true';
}

export interface DiagnosisCardData {
  kind: KindParts;
  title: string;
  /** "AADSTS53003", when the paste had a code. */
  code?: string;
  /** Whose sign-in this is; shown to the helpdesk, and to anyone looking on someone's behalf. */
  subject?: string;
  /** A state the reader must notice first: pending, nothing found, missing permission... */
  banner?: DiagnosisBanner;
  causes: FindingView[];
  context: FindingView[];
  gaps: Array<{ text: string }>;
  /** What the paste said, when its ids match no sign-in. */
  pasted?: { heading: string; note: string; facts: Fact[] };
  /** Marks the rest of the card as about another sign-in than the one pasted. */
  latest?: { heading: string; note: string; headline: string };
  signIn?: { heading: string; facts: Fact[] };
  nextSteps: Array<{ step: string }>;
  /** Only for the banned-password card: how passwords are judged. */
  rules?: Array<{ rule: string }>;
  /**
   * `note` says what a button acts on when the title alone would not (which policy...); `form`
   * holds the fix's inputs (offer-forms.ts), shown under its button.
   */
  offers: Array<{
    title: string;
    note?: string;
    form: OfferForm;
    /** The fix's own note input: ids are unique in a card, and the button parser reads them. */
    remark: { id: string; label: string; placeholder: string };
    payload: OfferPayload;
  }>;
  offerNote?: string;
  checkAgain?: { v: 1; triageId: string };
  /** "Ask the helpdesk": the id under which the caller kept what the request would carry. */
  askHelpdesk?: { v: 1; triageId: string };
  /** "That's not it": the reading came from the paste's words alone (triage/correction.ts). */
  notIt?: NotItPayload;
}

export interface DiagnosisCardOptions {
  audience: 'user' | 'helpdesk';
  /** Id under which the caller keeps this paste; needed for "Check again". */
  triageId?: string;
  /** Bounds of the fixes' inputs (the tenant's pass policy, the longest exclusion). */
  forms?: OfferFormLimits;
  /** Id of the kept request for help (HandoffService.prepare); shows "Ask the helpdesk". */
  askId?: string;
  /** "That's not it" button data, given by the caller when the reading was from words alone. */
  notIt?: NotItPayload;
}

export const MAX_TEXT = 600;
export const MAX_FACTS = 10;

/** What a person might tell the helpdesk with each fix they ask for (the note's placeholder). */
const NOTE_EXAMPLES: Partial<Record<ActionKind, string>> = {
  'issue-tap': 'I lost my phone',
  'ca-exclusion': 'I am travelling until Friday',
  'dismiss-risk': 'that sign-in from abroad was me',
  'revoke-sessions': 'my laptop was stolen',
  'sync-device': 'I installed the update Company Portal asked for',
  'add-sms-method': 'I have no smartphone',
};

/**
 * Tenant or pasted text made safe to show (see the module comment). A `>` between spaces is a
 * path through a settings page ("Settings > Accounts > Sign-in options"), no markup, and stays.
 */
export function shown(value: string, max = MAX_TEXT): string {
  const plain = value
    .replace(/\s+/g, ' ')
    .replace(/[[\]<`]|(?<! )>|>(?! )/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

function factsOf(evidence: Finding['evidence']): Fact[] {
  return evidence
    .slice(0, MAX_FACTS)
    .map((e) => ({ title: shown(e.label, 60), value: shown(e.value, 300) }))
    .filter((f) => f.title !== '' && f.value !== '');
}

/** A finding under its section's heading; a title that only repeats the heading is left out. */
function view(heading: string): (f: Finding) => FindingView {
  return (f) => ({
    ...(f.title === heading ? {} : { title: shown(f.title, 200) }),
    detail: shown(f.detail),
    facts: factsOf(f.evidence),
  });
}

/** The catalog's steps speak to the helpdesk; the blocked person gets steps they can take. */
function stepsFor(d: Diagnosis, options: DiagnosisCardOptions): string[] {
  if (d.stepsFromCatalog && options.audience === 'user' && d.intent !== 'unrelated') {
    // An answer about another failure than the code pasted keeps that failure's steps.
    const code = d.latestFailure?.because === 'other-code' ? undefined : d.code;
    return userStepsFor(d.intent, code, d.client).slice(0, 8);
  }
  if (d.stepsFromCatalog && d.latestFailure?.because !== 'other-code') {
    return helpdeskStepsFor(d.code, d.client, d.nextSteps).slice(0, 8);
  }
  return d.nextSteps.slice(0, 8);
}

/** The person's own card asks for the fix in their words ("Sign me out everywhere"). */
function offerTitle(kind: ActionKind, audience: 'user' | 'helpdesk'): string {
  return actionLabel(kind, audience === 'user' ? 'subject' : 'helpdesk').title;
}

/** The tenant allows one-time passes only: a new pass is one, and the card says so. */
function forcedOneTime(d: Diagnosis, offer: Diagnosis['offers'][number]): boolean {
  return (
    offer.kind === 'issue-tap' &&
    d.details.view === 'temporary-access-pass' &&
    d.details.policy?.isUsableOnce === true
  );
}

/** Which policy an exclusion is from: two such buttons would otherwise look the same. */
function offerNote(d: Diagnosis, offer: Diagnosis['offers'][number]): string | undefined {
  if (offer.kind === 'tap-policy') {
    return 'Changes the pass policy for the whole tenant; an admin approves it.';
  }
  if (forcedOneTime(d, offer)) {
    return 'The tenant allows one-time passes only: this pass works for a single sign-in.';
  }
  if (offer.kind !== 'ca-exclusion' || d.details.view !== 'conditional-access') return undefined;
  const policy = d.details.enforced.find((p) => p.id === offer.targetId);
  return policy === undefined ? undefined : shown(`From the policy "${policy.name}":`, 300);
}

function signInHeading(d: Diagnosis, audience: 'user' | 'helpdesk'): string {
  if (d.latestFailure === undefined) return KIND_PARTS[d.view].signIn;
  if (d.latestFailure.because === 'unmatched-id') return 'Details of that sign-in';
  return audience === 'user' ? 'Your latest failed sign-in' : 'The latest failed sign-in';
}

const LATEST = {
  user: {
    heading: 'Your latest failed sign-in',
    note: 'This is a different sign-in from the one you pasted: the newest failure in your sign-in log.',
  },
  helpdesk: {
    heading: 'The latest failed sign-in of this account',
    note: 'This is a different sign-in from the one pasted: the newest failure in the sign-in log.',
  },
} as const;

/** A Diagnosis as card data, for the given reader. */
export function diagnosisCardData(d: Diagnosis, options: DiagnosisCardOptions): DiagnosisCardData {
  const audience = options.audience;
  const data: DiagnosisCardData = {
    kind:
      d.causesHeading === undefined
        ? KIND_PARTS[d.view]
        : { ...KIND_PARTS[d.view], causes: shown(d.causesHeading, 100) },
    title: shown(d.headline, 200),
    causes: d.findings
      .filter((f) => f.kind === 'cause')
      .map(view(d.causesHeading ?? KIND_PARTS[d.view].causes)),
    context: d.findings.filter((f) => f.kind === 'context').map(view(KIND_PARTS[d.view].context)),
    gaps: d.findings.filter((f) => f.kind === 'gap').map((f) => ({ text: shown(f.detail) })),
    nextSteps: stepsFor(d, options).map((step) => ({ step: shown(step) })),
    // Changes to tenant settings are for the helpdesk and admins; the person is not offered them.
    // Input ids are unique in a card: a second fix of the same kind (an exclusion from another
    // policy) runs with the defaults, which the approver sees before approving.
    offers: d.offers
      .filter((o) => audience === 'helpdesk' || !isAdminChangeKind(o.kind))
      .slice(0, 4)
      .map((o, i, shown) => ({
        title: offerTitle(o.kind, audience),
        ...optional('note', offerNote(d, o)),
        form: formOf(o.kind, shown.findIndex((other) => other.kind === o.kind) === i, options),
        remark: {
          id: `${FIX_NOTE_PREFIX}${i}`,
          label:
            options.audience === 'user' ? 'Note for the helpdesk (optional)' : 'Note (optional)',
          placeholder:
            options.audience === 'user'
              ? `For example: ${NOTE_EXAMPLES[o.kind] ?? 'I need this before Friday'}`
              : 'Sent with the request',
        },
        payload: {
          v: 1,
          action: o.kind,
          subjectId: o.subjectId,
          ...(o.targetId === undefined ? {} : { targetId: o.targetId }),
          ...(forcedOneTime(d, o) ? { oneTimeUse: 'true' as const } : {}),
        },
      })),
  };
  // The answer is about another failure than the code pasted: its code heads the card.
  const shownCode =
    d.latestFailure?.because === 'other-code' ? d.signIn?.record.status.errorCode : d.code;
  if (shownCode !== undefined) data.code = `AADSTS${shownCode}`;
  if (d.subject !== undefined && options.audience === 'helpdesk') {
    data.subject = shown(`${d.subject.displayName} (${d.subject.userPrincipalName})`, 200);
  }
  const b = diagnosisBanner(d, options.audience);
  if (b !== undefined) data.banner = b;
  if (d.pasted !== undefined) {
    data.pasted = {
      heading: audience === 'user' ? 'What you pasted' : 'What was pasted',
      note: shown(d.pasted.note),
      facts: factsOf(d.pasted.facts),
    };
  }
  if (d.latestFailure?.because === 'unmatched-id') {
    data.latest = { ...LATEST[audience], headline: shown(d.latestFailure.headline, 300) };
  }
  if (d.signIn !== undefined) {
    data.signIn = {
      heading: signInHeading(d, audience),
      facts: factsOf(d.signIn.facts),
    };
  }
  if (d.details.view === 'password-policy') {
    data.rules = d.details.rules.map((rule) => ({ rule: shown(rule) }));
  }
  if (data.offers.length > 0) {
    data.offerNote =
      options.audience === 'user'
        ? 'These fixes need the helpdesk. Pressing one sends them a request; they check and approve it.'
        : 'Each fix opens a request that an approver must approve before anything changes.';
  }
  // Pending in the sign-in log, or a line saying Graph was too busy or out of reach.
  if (mayCheckAgain(d) && options.triageId !== undefined) {
    data.checkAgain = { v: 1, triageId: options.triageId };
  }
  if (options.askId !== undefined) data.askHelpdesk = { v: 1, triageId: options.askId };
  if (options.notIt !== undefined) data.notIt = options.notIt;
  return data;
}

function formOf(kind: ActionKind, first: boolean, options: DiagnosisCardOptions): OfferForm {
  const form = formFor(kind, options.forms ?? DEFAULT_FORM_LIMITS, options.audience);
  return first ? form : { submit: form.submit };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
