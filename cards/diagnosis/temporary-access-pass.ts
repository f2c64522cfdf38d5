import type { CardTemplate } from '../render';
import { diagnosisCardSchema, type DiagnosisCardData } from './card-data';
import json from './temporary-access-pass.json';

/** A refused Temporary Access Pass: the pass, the policy, and why it did not work. */
export const temporaryAccessPassTemplate: CardTemplate<DiagnosisCardData> = {
  name: 'diagnosis/temporary-access-pass',
  json,
  schema: diagnosisCardSchema,
};

export const temporaryAccessPassSample: DiagnosisCardData = {
  title: 'The pass cannot be used',
  causes: [
    {
      title: 'The pass cannot be used',
      detail:
        'It was a one-time pass and it has already been used. A one-time pass works for a single sign-in.',
      facts: [
        { title: 'Created', value: '15 Jan 2026, 08:00 UTC' },
        { title: 'Lifetime', value: '8 hours' },
        { title: 'Use', value: 'One time' },
      ],
    },
  ],
  context: [
    {
      title: 'Temporary Access Pass policy',
      detail: 'How passes work in this tenant.',
      facts: [
        { title: 'Method', value: 'Turned on' },
        { title: 'Who can use it', value: 'Members of 1 group' },
        { title: 'Use', value: 'Several times within its lifetime' },
        { title: 'Lifetime', value: '1 hour by default (1 hour to 8 hours)' },
      ],
    },
  ],
  gaps: [],
  nextSteps: [{ step: 'Ask the helpdesk for a new pass, then sign in within its lifetime.' }],
  offers: [
    {
      title: 'Issue a Temporary Access Pass',
      payload: { v: 1, action: 'issue-tap', subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a0a' },
    },
  ],
  offerNote:
    'These fixes need the helpdesk. Pressing one sends them a request; they check and approve it.',
};
