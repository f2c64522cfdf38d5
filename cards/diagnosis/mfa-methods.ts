import type { CardTemplate } from '../render';
import { diagnosisCardSchema, type DiagnosisCardData } from './card-data';
import json from './mfa-methods.json';

/** A multifactor step that did not complete: registered methods and how prompts look. */
export const mfaMethodsTemplate: CardTemplate<DiagnosisCardData> = {
  name: 'diagnosis/mfa-methods',
  json,
  schema: diagnosisCardSchema,
};

export const mfaMethodsSample: DiagnosisCardData = {
  title: 'Authenticator on Field phone is out of date',
  code: 'AADSTS500121',
  causes: [
    {
      title: 'What the sign-in log says',
      detail: 'The user denied the Microsoft Authenticator notification.',
      facts: [],
    },
    {
      title: 'Authenticator on Field phone is out of date',
      detail:
        'It is version 6.2006.2217, from June 2020. An app that old may not support number matching.',
      facts: [{ title: 'Microsoft Authenticator', value: 'Field phone' }],
    },
  ],
  context: [
    {
      title: 'How Authenticator asks',
      detail:
        'Every Authenticator request shows a number on the sign-in screen that must be typed into the app.',
      facts: [
        {
          title: 'Number matching',
          value: 'Always on: type the number shown on the sign-in screen',
        },
        { title: 'App name in request', value: 'shown' },
        { title: 'Location in request', value: 'not shown' },
      ],
    },
  ],
  gaps: [],
  nextSteps: [
    { step: 'If you did not start that sign-in yourself, tell the helpdesk straight away.' },
    {
      step: 'Update Microsoft Authenticator, open it, and type the number shown on the sign-in screen.',
    },
  ],
  offers: [],
};
