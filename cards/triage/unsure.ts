import { z } from 'zod';
import type { ErrorIntent, Triage } from '../../src/triage/types';
import type { CardTemplate } from '../render';
import json from './unsure.json';

/**
 * For a paste that only resembles a known error: the card names the resemblance and asks for
 * the error itself. It never presents the resemblance as the answer.
 */
export interface UnsureCardData {
  /** What the paste resembles, in plain words, e.g. "a locked account". */
  lead: string;
}

const schema: z.ZodType<UnsureCardData> = z
  .object({ lead: z.string().trim().min(1).max(80) })
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
export function unsureCardData(triage: Triage): UnsureCardData {
  if (triage.unsure === undefined) throw new Error('unsureCardData: the triage has no lead');
  return { lead: LEADS[triage.unsure.intent] };
}

export const unsureSample: UnsureCardData = { lead: 'a locked account' };
