import type { CardTemplate } from '../render';
import { diagnosisCardSchema, type DiagnosisCardData } from './card-data';
import json from './device-join.json';

/** A sign-in that needed a hybrid joined device: how each device is registered, and the browser used. */
export const deviceJoinTemplate: CardTemplate<DiagnosisCardData> = {
  name: 'diagnosis/device-join',
  json,
  schema: diagnosisCardSchema,
};

export const deviceJoinSample: DiagnosisCardData = {
  title: 'The sign-in came without a device identity',
  code: 'AADSTS53001',
  causes: [
    {
      title: 'The sign-in came without a device identity',
      detail:
        'Entra could not tell which device this was, so it could not count it as a company device. Chrome sends no device identity unless the Microsoft Single Sign On extension is installed.',
      facts: [
        { title: 'Browser', value: 'Chrome 131.0.0' },
        { title: 'Operating system', value: 'Windows10' },
      ],
    },
  ],
  context: [
    {
      title: 'Devices registered to this account',
      detail: 'Only hybrid joined devices meet a "domain joined device" requirement.',
      facts: [
        {
          title: 'FINANCE-LT-002',
          value:
            'Hybrid joined (on-premises domain and Entra ID); Windows; last sign-in 2 hours ago',
        },
        {
          title: 'FINANCE-HOME-PC',
          value: 'Registered only (personal or BYOD device); Windows; last sign-in 3 days ago',
        },
      ],
    },
  ],
  gaps: [],
  nextSteps: [
    {
      step: 'Add the Microsoft Single Sign On extension to Chrome, or use Edge signed in with the work account.',
    },
  ],
  offers: [],
};
