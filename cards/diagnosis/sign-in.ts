import type { CardTemplate } from '../render';
import { diagnosisCardSchema, type DiagnosisCardData } from './card-data';
import json from './sign-in.json';

/** Any other error: what it means and the matching sign-in. */
export const signInTemplate: CardTemplate<DiagnosisCardData> = {
  name: 'diagnosis/sign-in',
  json,
  schema: diagnosisCardSchema,
};

export const signInSample: DiagnosisCardData = {
  title: 'The sign-in is not in the sign-in log yet',
  code: 'AADSTS65001',
  banner: {
    text: 'Not in the sign-in log yet. Sign-ins take a few minutes to appear; press "Check again" shortly.',
    style: 'warning',
  },
  causes: [],
  context: [
    {
      title: 'Still on its way',
      detail: 'No sign-in with that correlation ID is in the sign-in log for this account yet.',
      facts: [],
    },
  ],
  gaps: [],
  nextSteps: [{ step: 'Wait two or three minutes, then press "Check again".' }],
  offers: [],
  checkAgain: { v: 1, triageId: 'tri-7f3e2a' },
};
