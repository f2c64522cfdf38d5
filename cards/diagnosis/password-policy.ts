import type { CardTemplate } from '../render';
import { diagnosisCardSchema, type DiagnosisCardData } from './card-data';
import json from './password-policy.json';

/** A refused new password: how passwords are judged and how to pick one. */
export const passwordPolicyTemplate: CardTemplate<DiagnosisCardData> = {
  name: 'diagnosis/password-policy',
  json,
  schema: diagnosisCardSchema,
};

export const passwordPolicySample: DiagnosisCardData = {
  title: 'The new password is on the list of passwords that are too easy to guess',
  causes: [
    {
      title: 'Checked against the banned password list',
      detail:
        'The password was checked against the banned password list and did not score enough points.',
      facts: [],
    },
  ],
  rules: [
    {
      rule: 'Small disguises do not help: capital letters are ignored, and @ for a or 0 for o count as the letter.',
    },
    {
      rule: 'Each listed word scores one point and every other character one point; five points are needed.',
    },
  ],
  context: [],
  gaps: [],
  nextSteps: [{ step: 'Pick three or four unrelated words you can remember.' }],
  offers: [],
};
