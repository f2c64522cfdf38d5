import type { DiagnosisView } from '../../src/diagnosis/types';
import type { DiagnosisCardData } from './card-data';
import { DEFAULT_FORM_LIMITS, formFor, type OfferForm } from './offer-forms';

type SampleOffer = Omit<DiagnosisCardData['offers'][number], 'form' | 'remark'> & {
  form?: OfferForm;
};
type SampleData = Omit<DiagnosisCardData, 'offers'> & { offers: SampleOffer[] };
import { KIND_PARTS } from './kinds';

/**
 * One sample per kind of diagnosis card, each drawn and checked by the card tests; written as the
 * bot would fill them from the sandbox tenant.
 */

const conditionalAccess: SampleData = {
  kind: KIND_PARTS['conditional-access'],
  title:
    '"CA001: Block sign-ins from outside allowed countries" blocked the sign-in to Microsoft Teams at 15 Jan 2026, 11:20 UTC',
  code: 'AADSTS53003',
  subject: 'Sandbox Member (user@sandbox.example)',
  causes: [
    {
      title: 'Policy "CA001: Block sign-ins from outside allowed countries" failed this sign-in',
      detail:
        'This policy blocks access outright for sign-ins like this one. It decides by where a sign-in comes from; this one came from Sao Paulo, BR.',
      facts: [
        {
          title: 'It enforces',
          value: 'Block access',
        },
      ],
    },
    {
      title: 'Policy "CA006: Require a compliant device on Windows" failed this sign-in',
      detail:
        'This policy needs a device marked compliant by Intune, and the sign-in did not meet it. It applies to Windows devices; this one reported Windows10.',
      facts: [
        {
          title: 'It enforces',
          value: 'A device marked compliant by Intune',
        },
      ],
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
    heading: KIND_PARTS['conditional-access'].signIn,
    facts: [
      {
        title: 'Time',
        value: '15 Jan 2026, 11:20 UTC',
      },
      {
        title: 'App',
        value: 'Microsoft Teams',
      },
      {
        title: 'Client app',
        value: 'Browser',
      },
      {
        title: 'Device',
        value: 'Windows10, Chrome 131.0.0',
      },
      {
        title: 'Device state',
        value: 'No device identity was sent',
      },
      {
        title: 'Location',
        value: 'Sao Paulo, BR (203.0.113.45)',
      },
      {
        title: 'Request ID',
        value: 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d03',
      },
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
      note: 'From the policy "CA001: Block sign-ins from outside allowed countries":',
    },
    {
      title: 'Exclude from Conditional Access for a while',
      payload: {
        v: 1,
        action: 'ca-exclusion',
        subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01',
        targetId: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c06',
      },
      note: 'From the policy "CA006: Require a compliant device on Windows":',
    },
  ],
  offerNote: 'Each fix opens a request that an approver must approve before anything changes.',
};

const deviceCompliance: SampleData = {
  kind: KIND_PARTS['device-compliance'],
  title: 'SALES-LT-014 does not meet the compliance policy',
  code: 'AADSTS53000',
  causes: [
    {
      title: 'SALES-LT-014 is not compliant (blocked)',
      detail:
        'It fails "Windows 11 security baseline" on Require BitLocker and Minimum OS version. It last checked in with Intune 3 days ago.',
      facts: [
        {
          title: 'Device',
          value: 'SALES-LT-014 (Windows 10.0.19045.3803)',
        },
        {
          title: 'Compliance',
          value: 'Not compliant (blocked)',
        },
        {
          title: 'Last sync',
          value: '12 Jan 2026, 16:20 UTC',
        },
        {
          title: 'Require BitLocker',
          value: 'fails "Windows 11 security baseline" (now: False)',
        },
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
    {
      step: 'Fix on the device: Require BitLocker and Minimum OS version.',
    },
    {
      step: 'Open Company Portal on the device and choose "Check status".',
    },
    {
      step: 'Allow up to 15 minutes after the device checks in before signing in again.',
    },
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

const deviceJoin: SampleData = {
  kind: KIND_PARTS['device-join'],
  title: 'The sign-in came without a device identity',
  code: 'AADSTS53001',
  causes: [
    {
      title: 'The sign-in came without a device identity',
      detail:
        'Entra could not tell which device this was, so it could not count it as a company device. Chrome sends no device identity unless the Microsoft Single Sign On extension is installed.',
      facts: [
        {
          title: 'Browser',
          value: 'Chrome 131.0.0',
        },
        {
          title: 'Operating system',
          value: 'Windows10',
        },
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

const userRisk: SampleData = {
  kind: KIND_PARTS['user-risk'],
  title: 'The account is blocked because its user risk is high',
  subject: 'Marketing Member (marketing@sandbox.example)',
  causes: [
    {
      title: 'User risk is high',
      detail:
        'Identity Protection marked this account at risk 58 minutes ago. The user-risk policy blocks it until the risk is dealt with.',
      facts: [
        {
          title: 'Risk level',
          value: 'High',
        },
        {
          title: 'Risk state',
          value: 'At risk',
        },
        {
          title: 'Risk detail',
          value: 'No remediation recorded',
        },
        {
          title: 'Last updated',
          value: '15 Jan 2026, 11:02 UTC',
        },
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
        {
          title: '14 Jan 2026, 22:00 UTC',
          value: 'The password was found in a leak (high)',
        },
      ],
    },
  ],
  gaps: [],
  nextSteps: [
    {
      step: 'If you can still sign in somewhere with MFA, change your password at https://aka.ms/sspr; that clears the risk.',
    },
    {
      step: 'Otherwise the helpdesk confirms the activity with you and then clears the risk.',
    },
    {
      step: 'After the risk is cleared, allow 10 to 15 minutes before signing in again.',
    },
  ],
  offers: [
    {
      title: 'Dismiss user risk',
      payload: {
        v: 1,
        action: 'dismiss-risk',
        subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a08',
      },
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

const temporaryAccessPass: SampleData = {
  kind: KIND_PARTS['temporary-access-pass'],
  title: 'The pass cannot be used',
  causes: [
    {
      title: 'The pass cannot be used',
      detail:
        'It was a one-time pass and it has already been used. A one-time pass works for a single sign-in.',
      facts: [
        {
          title: 'Created',
          value: '15 Jan 2026, 08:00 UTC',
        },
        {
          title: 'Lifetime',
          value: '8 hours',
        },
        {
          title: 'Use',
          value: 'One time',
        },
      ],
    },
  ],
  context: [
    {
      title: 'Temporary Access Pass policy',
      detail: 'How passes work in this tenant.',
      facts: [
        {
          title: 'Method',
          value: 'Turned on',
        },
        {
          title: 'Who can use it',
          value: 'Members of 1 group',
        },
        {
          title: 'Use',
          value: 'Several times within its lifetime',
        },
        {
          title: 'Lifetime',
          value: '1 hour by default (1 hour to 8 hours)',
        },
      ],
    },
  ],
  gaps: [],
  nextSteps: [
    {
      step: 'Ask the helpdesk for a new pass, then sign in within its lifetime.',
    },
  ],
  offers: [
    {
      title: 'Issue a Temporary Access Pass',
      form: formFor(
        'issue-tap',
        {
          tap: { min: 60, max: 480, default: 60, oneTimeOnly: false },
          exclusion: { maxHours: 72, defaultHours: 4 },
        },
        'user',
      ),
      payload: {
        v: 1,
        action: 'issue-tap',
        subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a0a',
      },
    },
  ],
  offerNote:
    'These fixes need the helpdesk. Pressing one sends them a request; they check and approve it.',
};

const mfaMethods: SampleData = {
  kind: KIND_PARTS['mfa-methods'],
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
      facts: [
        {
          title: 'Microsoft Authenticator',
          value: 'Field phone',
        },
      ],
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
        {
          title: 'App name in request',
          value: 'shown',
        },
        {
          title: 'Location in request',
          value: 'not shown',
        },
      ],
    },
  ],
  gaps: [],
  nextSteps: [
    {
      step: 'If you did not start that sign-in yourself, tell the helpdesk straight away.',
    },
    {
      step: 'Update Microsoft Authenticator, open it, and type the number shown on the sign-in screen.',
    },
  ],
  offers: [],
};

const userAccount: SampleData = {
  kind: KIND_PARTS['user-account'],
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
        {
          title: 'Account',
          value: 'former@sandbox.example',
        },
        {
          title: 'Enabled',
          value: 'No',
        },
        {
          title: 'Managed in',
          value: 'On-premises Active Directory (synced)',
        },
        {
          title: 'Last sync',
          value: '15 Jan 2026, 11:45 UTC (15 minutes ago)',
        },
      ],
    },
  ],
  gaps: [
    {
      text: 'The bot needs the Microsoft Graph application permission AuditLog.Read.All to read this. An administrator can grant it.',
    },
  ],
  banner: {
    text: 'Part of this could not be checked; see below.',
    style: 'accent',
  },
  nextSteps: [
    {
      step: 'Ask the helpdesk to enable the account in Active Directory.',
    },
  ],
  offers: [],
};

const passwordPolicy: SampleData = {
  kind: KIND_PARTS['password-policy'],
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
  nextSteps: [
    {
      step: 'Pick three or four unrelated words you can remember.',
    },
  ],
  offers: [],
};

const signIn: SampleData = {
  kind: KIND_PARTS['sign-in'],
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
  nextSteps: [
    {
      step: 'Wait two or three minutes, then press "Check again".',
    },
  ],
  offers: [],
  checkAgain: {
    v: 1,
    triageId: 'tri-7f3e2a',
  },
};

/** Offers as the card data has them: each with its form (defaults) and its own note input. */
function withForms(data: SampleData): DiagnosisCardData {
  const seen = new Set<string>();
  return {
    ...data,
    offers: data.offers.map((offer, i) => {
      const form = formFor(offer.payload.action, DEFAULT_FORM_LIMITS, 'user');
      const first = !seen.has(offer.payload.action);
      seen.add(offer.payload.action);
      return {
        ...offer,
        form: offer.form ?? (first ? form : { submit: form.submit }),
        remark: {
          id: `fixNote${i}`,
          label: 'Note for the helpdesk (optional)',
          placeholder: 'For example: I lost my phone',
        },
      };
    }),
  };
}

export const DIAGNOSIS_SAMPLES: Record<DiagnosisView, DiagnosisCardData> = {
  'conditional-access': withForms(conditionalAccess),
  'device-compliance': withForms(deviceCompliance),
  'device-join': withForms(deviceJoin),
  'user-risk': withForms(userRisk),
  'temporary-access-pass': withForms(temporaryAccessPass),
  'mfa-methods': withForms(mfaMethods),
  'user-account': withForms(userAccount),
  'password-policy': withForms(passwordPolicy),
  'sign-in': withForms(signIn),
};

/** A pasted page whose ids match no sign-in yet: the paste, then the latest failure, labelled. */
export const UNMATCHED_ID_SAMPLE: DiagnosisCardData = {
  kind: KIND_PARTS['conditional-access'],
  title: 'No sign-in with that request ID in your sign-in log yet',
  code: 'AADSTS53003',
  pasted: {
    heading: 'What you pasted',
    note: 'No sign-in with that request ID is in the sign-in log for this account yet. Sign-in events usually take a few minutes to arrive, so check again shortly.',
    facts: [
      { title: 'Error code', value: 'AADSTS53003' },
      { title: 'App', value: 'Outlook Mobile' },
      { title: 'Device', value: 'iOS' },
      { title: 'Time', value: '15 Jan 2026, 11:52 UTC' },
      { title: 'Request ID', value: 'aaaaaaaa-0000-4000-8000-00000000aaaa' },
      { title: 'Correlation ID', value: 'bbbbbbbb-0000-4000-8000-00000000bbbb' },
    ],
  },
  latest: {
    heading: 'Your latest failed sign-in',
    note: 'This is a different sign-in from the one you pasted: the newest failure in your sign-in log.',
    headline:
      '"CA001: Block sign-ins from outside allowed countries" blocked the sign-in to Microsoft Teams at 15 Jan 2026, 11:20 UTC',
  },
  causes: conditionalAccess.causes.slice(0, 1),
  context: [],
  gaps: [],
  signIn: {
    heading: 'Details of that sign-in',
    facts: (conditionalAccess.signIn?.facts ?? []).slice(0, 4),
  },
  nextSteps: conditionalAccess.nextSteps,
  offers: [],
  checkAgain: { v: 1, triageId: 'tri-7f3e2a' },
};
