/**
 * Whose sign-in a paste is about, and whether the person asking may see it. Pure: the caller
 * supplies who asked and whether they are in the helpdesk group.
 *
 * Rules:
 * - By default the subject is the person who pasted (their Entra object id from Teams).
 * - An explicit request about someone else ("53003 for alex@contoso.com") is honoured for helpdesk
 *   members and refused for everyone else.
 * - An account named on a pasted page ("Signed in as ...") becomes the subject for helpdesk
 *   members, who paste pages on behalf of others. For anyone else the bot looks at their own
 *   account only; the diagnosis can still point out that the page shows another account.
 */

import { accountCheckUpn } from './account-check';

export type SubjectRef = { kind: 'id'; id: string } | { kind: 'upn'; upn: string };

export interface SubjectQuestion {
  actor: { id: string; upn?: string };
  /** Account named explicitly in the message ("for alex@contoso.com"). */
  explicitUpn?: string;
  /** Account shown on the pasted page. */
  pastedUpn?: string;
  /** Whether the actor is in the helpdesk group; needed only when needsHelpdeskCheck says so. */
  isHelpdesk: boolean;
}

export type SubjectDecision =
  | {
      kind: 'allowed';
      subject: SubjectRef;
      audience: 'user' | 'helpdesk';
      /** The subject is someone other than the person asking. */
      onBehalf: boolean;
    }
  | { kind: 'refused'; requested: string; message: string };

const FOR_UPN =
  /(?:^|\s)(?:for|about|user|diagnose)\s*:?\s+<?([^\s"'<>(),;:[\]{}]{1,64}@[^\s"'<>(),;:[\]{}]{1,255}?)>?[.,;!?]?(?=\s|$)/i;

/** A code and one account, nothing else ("50053 alex@contoso.com"): that account's error. */
const CODE_AND_UPN =
  /^\s*(?:AADSTS)?\d{4,7}\s*[,:;-]?\s+<?([^\s"'<>(),;:[\]{}@]{1,64}@[^\s"'<>(),;:[\]{}@]{1,255}?)>?[.,;!?]?\s*$/i;

/**
 * A message that starts with one account and says what it sees, as an agent relays a call:
 * "alex@contoso.com says the device is not compliant", "alex@contoso.com gets 53003",
 * "alex@contoso.com: AADSTS50053 …". The account leads; the rest is read as a paste.
 */
const UPN_LEADS =
  /^\s*<?([^\s"'<>(),;:[\]{}@]{1,64}@[^\s"'<>(),;:[\]{}@]{1,255}?)>?(?:\s*:\s+|\s+(?:says|said|reports|reported|is\s+getting|gets|got|keeps\s+getting|is\s+seeing|sees|saw|has\s+(?:an?\s+)?(?:error|problem|issue)|is\s+stuck|is\s+asked|is\s+prompted|is\s+told)\b)/i;

/**
 * "53003 for alex@contoso.com", "diagnose alex@contoso.com", "check alex@…", "why can't alex@…
 * sign in", "50053 alex@…", "alex@… says …": the account asked about, if any.
 */
export function explicitUpnIn(text: string): string | undefined {
  const named = accountCheckUpn(text);
  if (named !== undefined) return named;
  const match =
    CODE_AND_UPN.exec(text.slice(0, 400)) ??
    UPN_LEADS.exec(text.slice(0, 400)) ??
    FOR_UPN.exec(text.slice(0, 2000));
  const upn = match?.[1]?.replace(/[.]+$/, '');
  return upn !== undefined && /^[^@]+@[^@]+\.[^@]+$/.test(upn) ? upn : undefined;
}

function sameUpn(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** Whether the decision depends on helpdesk membership (so the lookup can be skipped otherwise). */
export function needsHelpdeskCheck(question: Omit<SubjectQuestion, 'isHelpdesk'>): boolean {
  const { actor, explicitUpn, pastedUpn } = question;
  if (explicitUpn !== undefined) return !sameUpn(explicitUpn, actor.upn);
  return pastedUpn !== undefined && !sameUpn(pastedUpn, actor.upn);
}

export function decideSubject(question: SubjectQuestion): SubjectDecision {
  const { actor, explicitUpn, pastedUpn, isHelpdesk } = question;
  const self: SubjectRef = { kind: 'id', id: actor.id };
  const audience = isHelpdesk ? 'helpdesk' : 'user';
  if (explicitUpn !== undefined) {
    if (sameUpn(explicitUpn, actor.upn))
      return { kind: 'allowed', subject: self, audience, onBehalf: false };
    if (isHelpdesk) {
      return {
        kind: 'allowed',
        subject: { kind: 'upn', upn: explicitUpn },
        audience,
        onBehalf: true,
      };
    }
    return {
      kind: 'refused',
      requested: explicitUpn,
      message:
        'You can only look up your own sign-ins here. If a colleague is blocked, they can paste their error to this bot themselves, or the helpdesk can look for them.',
    };
  }
  if (pastedUpn !== undefined && isHelpdesk && !sameUpn(pastedUpn, actor.upn)) {
    return { kind: 'allowed', subject: { kind: 'upn', upn: pastedUpn }, audience, onBehalf: true };
  }
  return { kind: 'allowed', subject: self, audience, onBehalf: false };
}
