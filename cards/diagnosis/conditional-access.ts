import type { CardTemplate } from '../render';
import { diagnosisCardSchema, type DiagnosisCardData } from './card-data';
import json from './conditional-access.json';

/** A Conditional Access block: the policies that failed the sign-in, report-only ones apart, and the sign-in itself. */
export const conditionalAccessTemplate: CardTemplate<DiagnosisCardData> = {
  name: 'diagnosis/conditional-access',
  json,
  schema: diagnosisCardSchema,
};

export const conditionalAccessSample: DiagnosisCardData = {
  title:
    '"CA001: Block sign-ins from outside allowed countries" blocked the sign-in to Microsoft Teams at 15 Jan 2026, 11:20 UTC',
  code: 'AADSTS53003',
  subject: 'Sandbox Member (user@sandbox.example)',
  causes: [
    {
      title: 'Policy "CA001: Block sign-ins from outside allowed countries" failed this sign-in',
      detail:
        'This policy blocks access outright, and the sign-in did not meet it. It decides by where a sign-in comes from; this one came from Sao Paulo, BR.',
      facts: [{ title: 'Requires', value: 'blocks access outright' }],
    },
    {
      title: 'Policy "CA006: Require a compliant device on Windows" failed this sign-in',
      detail:
        'This policy needs a device marked compliant by Intune, and the sign-in did not meet it.',
      facts: [{ title: 'Requires', value: 'needs a device marked compliant by Intune' }],
    },
  ],
  context: [
    {
      title:
        'Report-only policy "CA003: Require MFA for all users (report-only)" would also have failed it',
      detail:
        'This policy needs multifactor authentication. It only records what it would do and blocked nothing.',
      facts: [],
    },
  ],
  gaps: [],
  signIn: {
    facts: [
      { title: 'Time', value: '15 Jan 2026, 11:20 UTC' },
      { title: 'App', value: 'Microsoft Teams' },
      { title: 'Client app', value: 'Browser' },
      { title: 'Device', value: 'Windows10, Chrome 131.0.0' },
      { title: 'Device state', value: 'No device identity was sent' },
      { title: 'Location', value: 'Sao Paulo, BR (203.0.113.45)' },
      { title: 'Request ID', value: 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d03' },
    ],
  },
  nextSteps: [
    {
      step: 'This rule stops sign-ins like this one entirely. Try from your usual place, app and device.',
    },
    {
      step: 'If you need access from here, ask the helpdesk; only a policy owner can make an exception.',
    },
  ],
  offers: [
    {
      title: 'Exclude from Conditional Access for a while',
      payload: {
        v: 1,
        action: 'ca-exclusion',
        subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01',
        targetId: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c01',
      },
    },
  ],
  offerNote: 'Each fix opens a request that an approver must approve before anything changes.',
};
