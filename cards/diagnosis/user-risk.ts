import type { CardTemplate } from '../render';
import { diagnosisCardSchema, type DiagnosisCardData } from './card-data';
import json from './user-risk.json';

/** A block for account risk: level, state, detections, and what clears it. */
export const userRiskTemplate: CardTemplate<DiagnosisCardData> = {
  name: 'diagnosis/user-risk',
  json,
  schema: diagnosisCardSchema,
};

export const userRiskSample: DiagnosisCardData = {
  title: 'The account is blocked because its user risk is high',
  subject: 'Marketing Member (marketing@sandbox.example)',
  causes: [
    {
      title: 'User risk is high',
      detail:
        'Identity Protection marked this account at risk 58 minutes ago. The user-risk policy blocks it until the risk is dealt with.',
      facts: [
        { title: 'Risk level', value: 'High' },
        { title: 'Risk state', value: 'At risk' },
        { title: 'Risk detail', value: 'No remediation recorded' },
        { title: 'Last updated', value: '15 Jan 2026, 11:02 UTC' },
      ],
    },
  ],
  context: [
    {
      title: 'What Identity Protection noticed',
      detail: 'The most recent detections behind the risk, newest first.',
      facts: [
        {
          title: '15 Jan 2026, 11:02 UTC',
          value: 'Sign-in with unfamiliar properties (medium, Amsterdam, NL)',
        },
        { title: '14 Jan 2026, 22:00 UTC', value: 'The password was found in a leak (high)' },
      ],
    },
  ],
  gaps: [],
  nextSteps: [
    {
      step: 'If you can still sign in somewhere with MFA, change your password at https://aka.ms/sspr; that clears the risk.',
    },
    { step: 'Otherwise the helpdesk confirms the activity with you and then clears the risk.' },
    { step: 'After the risk is cleared, allow 10 to 15 minutes before signing in again.' },
  ],
  offers: [
    {
      title: 'Dismiss user risk',
      payload: { v: 1, action: 'dismiss-risk', subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a08' },
    },
    {
      title: 'Require a password change at next sign-in',
      payload: {
        v: 1,
        action: 'require-password-change',
        subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a08',
      },
    },
    {
      title: 'Sign the user out everywhere',
      payload: {
        v: 1,
        action: 'revoke-sessions',
        subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a08',
      },
    },
  ],
  offerNote: 'Each fix opens a request that an approver must approve before anything changes.',
};
