import type { CardTemplate } from '../render';
import { diagnosisCardSchema, type DiagnosisCardData } from './card-data';
import json from './user-account.json';

/** A locked, disabled, expired or unknown account: the account record and recent failures. */
export const userAccountTemplate: CardTemplate<DiagnosisCardData> = {
  name: 'diagnosis/user-account',
  json,
  schema: diagnosisCardSchema,
};

export const userAccountSample: DiagnosisCardData = {
  title: 'The account is turned off',
  code: 'AADSTS50057',
  causes: [
    {
      title: 'The account is turned off',
      detail:
        'Sign-in is disabled for this account. The account comes from on-premises Active Directory, so the fix happens there.',
      facts: [],
    },
  ],
  context: [
    {
      title: 'The account record',
      detail: 'What the directory says about this account now.',
      facts: [
        { title: 'Account', value: 'former@sandbox.example' },
        { title: 'Enabled', value: 'No' },
        { title: 'Managed in', value: 'On-premises Active Directory (synced)' },
        { title: 'Last sync', value: '15 Jan 2026, 11:45 UTC (15 minutes ago)' },
      ],
    },
  ],
  gaps: [
    {
      text: 'The bot needs the Microsoft Graph application permission AuditLog.Read.All to read this. An administrator can grant it.',
    },
  ],
  banner: { text: 'Part of this could not be checked; see below.', style: 'accent' },
  nextSteps: [{ step: 'Ask the helpdesk to enable the account in Active Directory.' }],
  offers: [],
};
