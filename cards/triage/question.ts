import { z } from 'zod';
import type { QuestionTopic, Triage } from '../../src/triage/types';
import type { CardTemplate } from '../render';
import json from './question.json';

/**
 * For a how-to question. The card names the topic it recognised and says what the bot can do;
 * it never presents the question as the asker's own blocked sign-in.
 */
export interface QuestionCardData {
  /** The recognised topic in plain words, e.g. "number matching". */
  topic: string;
  /** A code the question names, e.g. "AADSTS50076". */
  code?: string;
}

const schema: z.ZodType<QuestionCardData> = z
  .object({
    topic: z.string().trim().min(1).max(80),
    code: z.string().trim().min(1).max(40).optional(),
  })
  .strict();

export const questionTemplate: CardTemplate<QuestionCardData> = {
  name: 'triage/question',
  json,
  schema,
};

const TOPIC_LABELS: Record<QuestionTopic, string> = {
  'number-matching': 'number matching',
  'temporary-access-pass': 'Temporary Access Passes',
  'sms-sign-in': 'signing in with a text message',
  passwordless: 'passwordless sign-in',
  authenticator: 'Microsoft Authenticator',
  mfa: 'multifactor authentication',
  'conditional-access': 'Conditional Access',
  'identity-protection': 'risky sign-ins and users',
  'device-compliance': 'device compliance',
  'device-join': 'joining or registering devices',
  password: 'passwords',
  'account-lockout': 'locked accounts',
  'guest-access': 'guest and external access',
  'legacy-auth': 'older sign-in methods',
  'app-access': 'app registrations and permissions',
  'sign-in-logs': 'sign-in logs',
  general: 'signing in',
};

/** Card data for a triage result with intent `question`; any other intent is a programming error. */
export function questionCardData(triage: Triage): QuestionCardData {
  if (triage.intent !== 'question' || triage.question === undefined) {
    throw new Error(`questionCardData: intent "${triage.intent}" is not a question`);
  }
  const code = triage.question.mentionsCode;
  return {
    topic: TOPIC_LABELS[triage.question.topic],
    ...(code === undefined ? {} : { code: `AADSTS${code}` }),
  };
}

export const questionSample: QuestionCardData = { topic: 'number matching' };
