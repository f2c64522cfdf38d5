import assert from 'node:assert/strict';
import { SCENARIO_SIGN_INS, SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { teamsUser, useBotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';

/** An Entra error page's "Troubleshooting details", as people paste it. */
function errorPage(
  code: number,
  ids: { id: string; correlationId: string },
  upn: string,
  timestamp = '2026-01-15T11:40:00.000Z',
): string {
  return [
    'Sign in',
    "You can't get there from here",
    '',
    'Troubleshooting details',
    'If you contact your administrator, send this info to them.',
    `Error Code: ${code}`,
    `Request Id: ${ids.id}`,
    `Correlation Id: ${ids.correlationId}`,
    `Timestamp: ${timestamp}`,
    'App name: Office 365 Exchange Online',
    `Signed in as: ${upn}`,
  ].join('\n');
}

interface Case {
  name: string;
  user: { id: string; upn: string };
  paste: string;
  expect: RegExp[];
}

/**
 * One scenario per intent from the sandbox's demo tenant: the person pastes what they saw, and
 * the answer must show the tenant's own facts for that person, not just the catalog text.
 */
const CASES: Case[] = [
  {
    name: 'ca-blocked: the failing policy from the pasted sign-in, report-only shown apart',
    user: SCENARIO_USERS.caBlocked,
    paste: errorPage(53003, SCENARIO_SIGN_INS.caBlocked, SCENARIO_USERS.caBlocked.upn),
    expect: [
      /CA001: Block sign-ins from outside allowed countries/,
      /Report-only policy "CA003/,
      /Sao Paulo/,
      /Check again|Exclude from Conditional Access/,
    ],
  },
  {
    name: 'device-noncompliant: the device, the failing policy and settings',
    user: SCENARIO_USERS.deviceNoncompliant,
    paste: 'AADSTS53000: Device is not in required device state: compliant.',
    expect: [/SALES-LT-014/, /BitLocker/i, /Windows 11 security baseline/],
  },
  {
    name: 'device-not-domain-joined: the device and its join type',
    user: SCENARIO_USERS.deviceNotHybridJoined,
    paste: 'AADSTS53001: Device is not in required device state: domain_joined.',
    expect: [/FINANCE-HOME-PC/, /registered/i],
  },
  {
    name: "Windows could not use the computer's TPM key: what it means, the steps, the Windows devices",
    user: SCENARIO_USERS.deviceNotHybridJoined,
    paste:
      "Something went wrong. Your computer's Trusted Platform Module has malfunctioned. If this error persists, contact your system administrator with the error code 80090030.",
    expect: [
      /Windows could not use this computer's key for your work account/,
      /security chip \(TPM\) was not ready/,
      /FINANCE-HOME-PC/,
      /Registered only \(personal or BYOD device\); not compliant; enabled/,
      /Access work or school/,
      /tpm\.msc/,
    ],
  },
  {
    name: 'Windows account broker ("Something went wrong [1001]"): its own answer, not "not sure"',
    user: SCENARIO_USERS.deviceNotHybridJoined,
    paste: 'Something went wrong [1001]',
    expect: [
      /Windows could not sign the app in to your work account/,
      /account broker/,
      /sign out/,
    ],
  },
  {
    name: 'risky-user-blocked: risk level and detections',
    user: SCENARIO_USERS.riskyUser,
    paste: "Your account is blocked. We've detected suspicious activity on your account.",
    expect: [/User risk is high/, /found in a leak/, /Dismiss the risk on my account/],
  },
  {
    name: 'tap-blocked: an expired pass',
    user: SCENARIO_USERS.tapExpired,
    paste: 'Temporary Access Pass sign in was blocked due to User Credential Policy',
    expect: [/expired/i],
  },
  {
    name: 'tap-blocked: a one-time pass already used',
    user: SCENARIO_USERS.tapUsed,
    paste: 'Temporary Access Pass sign in was blocked due to User Credential Policy',
    expect: [/used/i, /one-time/i],
  },
  {
    name: 'mfa-required-or-failed: methods and Authenticator settings',
    user: SCENARIO_USERS.mfaDenied,
    paste: 'AADSTS500121: Authentication failed during strong authentication request.',
    expect: [/number matching/i, /Authenticator/],
  },
  {
    name: 'account-locked: the account record and failed attempts',
    user: SCENARIO_USERS.accountLocked,
    paste: 'AADSTS50053: The account is locked because the user tried to sign in too many times.',
    expect: [/lock/i],
  },
  {
    name: 'account-disabled: a synced account is fixed on-premises',
    user: SCENARIO_USERS.accountDisabledSynced,
    paste: 'AADSTS50057: The user account is disabled.',
    expect: [/on-premises/i],
  },
  {
    name: 'password-banned: the rule in plain words',
    user: DEMO_USERS.member,
    paste:
      'Unfortunately, your password contains a word, phrase or pattern that makes it easily guessable. Please try again with a different password.',
    expect: [/banned password list/, /unrelated words/],
  },
];

describe('diagnosis per intent over real HTTP @slow', function () {
  this.timeout(120_000);
  const bot = useBotHarness();

  async function ask(user: { id: string; upn: string }, text: string): Promise<string> {
    const reply = await bot().say(text, teamsUser(user), { timeoutMs: 30_000 });
    return cardText(reply.activity);
  }

  for (const c of CASES) {
    it(c.name, async () => {
      const text = await ask(c.user, c.paste);
      for (const pattern of c.expect) assert.match(text, pattern, `${pattern} in:\n${text}`);
    });
  }

  it('refuses an end user who asks about someone else, and reads nothing about them', async () => {
    const before = bot().sandbox.requests.length;
    const text = await ask(DEMO_USERS.member, `53003 for ${SCENARIO_USERS.riskyUser.upn}`);
    assert.match(text, /only .*(your own|yourself)|helpdesk/i);
    const reads = bot()
      .sandbox.requests.slice(before)
      .filter((r) => r.path.includes(SCENARIO_USERS.riskyUser.id) || r.path.includes('marketing@'));
    assert.deepEqual(reads, [], 'nothing about the other person was read');
  });

  it('lets a helpdesk member diagnose another user by name', async () => {
    const text = await ask(
      DEMO_USERS.helpdesk,
      `53000 for ${SCENARIO_USERS.deviceNoncompliant.upn}`,
    );
    assert.match(text, /SALES-LT-014/);
  });

  it('says a fresh sign-in may not be logged yet and offers Check again', async () => {
    const text = await ask(
      DEMO_USERS.member,
      errorPage(
        53003,
        {
          id: 'aaaaaaaa-0000-4000-8000-000000000001',
          correlationId: 'aaaaaaaa-0000-4000-8000-000000000002',
        },
        DEMO_USERS.member.upn,
        new Date().toISOString(),
      ),
    );
    assert.match(text, /minutes/i);
    assert.match(text, /Check again/);
  });
});
