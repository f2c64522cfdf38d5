import { z } from 'zod';
import type { ErrorIntent, Triage } from '../../src/triage/types';
import type { CardTemplate } from '../render';
import type { NotItPayload } from './correction';
import { signInProblemButton, signInProblemSchema } from './unrelated';
import json from './unsure.json';

/**
 * For a paste that only resembles a known error: the card names the resemblance and asks for
 * the error itself. It never presents the resemblance as the answer. A person who has no more
 * than they wrote can still say it is a sign-in problem, as on the card for a message read as
 * none (unrelated.ts): the choice lists the resemblance first, so "yes, it is that" is one click,
 * and "None of these" reaches the helpdesk.
 */
export interface UnsureCardData {
  /** What the paste resembles, in plain words, e.g. "a locked account". */
  lead: string;
  /** "It is a sign-in problem"; absent for small talk and everyday chat. */
  notIt?: NotItPayload;
}

const schema: z.ZodType<UnsureCardData> = z
  .object({
    lead: z.string().trim().min(1).max(80),
    notIt: signInProblemSchema.optional(),
  })
  .strict();

export const unsureTemplate: CardTemplate<UnsureCardData> = {
  name: 'triage/unsure',
  json,
  schema,
};

/** Each problem in plain words, as a lead ("a locked account") and as a choice (not-it.ts). */
export const LEADS: Record<ErrorIntent, string> = {
  'ca-blocked': 'an access rule blocking a sign-in',
  'device-noncompliant': 'a device that does not meet the requirements',
  'device-not-domain-joined': 'a device that is not registered',
  'risky-user-blocked': 'a sign-in blocked as risky',
  'tap-blocked': 'a refused Temporary Access Pass',
  'password-banned': 'a password that is not allowed',
  'mfa-required-or-failed': 'an extra verification step that did not complete',
  'account-locked': 'a locked account',
  'account-disabled': 'a turned-off account',
  'invalid-password': 'a password that was not accepted',
  'password-expired': 'an expired password',
  'user-not-found': 'an account that was not found',
  'legacy-auth-blocked': 'an older sign-in method being blocked',
  'app-misconfigured': 'an app that is set up incorrectly',
  'consent-required': 'an app that needs permission',
  'other-known': 'a sign-in error',
};

/** Card data for a triage result that carries only a weak lead; none is a programming error. */
export function unsureCardData(text: string, triage: Triage): UnsureCardData {
  if (triage.unsure === undefined) throw new Error('unsureCardData: the triage has no lead');
  const notIt = signInProblemButton(text, triage);
  return { lead: LEADS[triage.unsure.intent], ...(notIt === undefined ? {} : { notIt }) };
}

export const unsureSample: UnsureCardData = {
  lead: 'a locked account',
  notIt: { v: 1, guessed: 'unrelated', leads: ['account-locked'] },
};
