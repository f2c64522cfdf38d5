import type { CardTemplate } from '../render';
import { diagnosisCardSchema, type DiagnosisCardData } from './card-data';
import json from './device-compliance.json';

/** A device Intune does not count as compliant: the failing policy and setting, and the last check-in. */
export const deviceComplianceTemplate: CardTemplate<DiagnosisCardData> = {
  name: 'diagnosis/device-compliance',
  json,
  schema: diagnosisCardSchema,
};

export const deviceComplianceSample: DiagnosisCardData = {
  title: 'SALES-LT-014 does not meet the compliance policy',
  code: 'AADSTS53000',
  causes: [
    {
      title: 'SALES-LT-014 is not compliant (blocked)',
      detail:
        'It fails "Windows 11 security baseline" on Require BitLocker and Minimum OS version. It last checked in with Intune 3 days ago.',
      facts: [
        { title: 'Device', value: 'SALES-LT-014 (Windows 10.0.19045.3803)' },
        { title: 'Compliance', value: 'Not compliant (blocked)' },
        { title: 'Last sync', value: '12 Jan 2026, 16:20 UTC' },
        { title: 'Require BitLocker', value: 'fails "Windows 11 security baseline" (now: False)' },
        {
          title: 'Minimum OS version',
          value: 'fails "Windows 11 security baseline" (now: 10.0.19045.3803)',
        },
      ],
    },
  ],
  context: [],
  gaps: [],
  nextSteps: [
    { step: 'Fix on the device: Require BitLocker and Minimum OS version.' },
    { step: 'Open Company Portal on the device and choose "Check status".' },
    { step: 'Allow up to 15 minutes after the device checks in before signing in again.' },
  ],
  offers: [
    {
      title: 'Sync the device with Intune',
      payload: {
        v: 1,
        action: 'sync-device',
        subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a06',
        targetId: '6e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a602',
      },
    },
  ],
  offerNote:
    'These fixes need the helpdesk. Pressing one sends them a request; they check and approve it.',
};
