import assert from 'node:assert/strict';
import type { Diagnosis, DiagnosisDetails } from '../../src/diagnosis/types';
import type { TapPolicyRecord } from '../../src/diagnosis/ports';
import { detect, signalOf, type TenantFinding } from '../../src/tenant-findings/detect';
import { TenantFindingWatch, type TenantFactsReader } from '../../src/tenant-findings/watch';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { aTap, aUser, ALEX } from '../diagnosis/fakes/builders';

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR).toISOString();

function diagnosis(intent: Diagnosis['intent'], details: DiagnosisDetails): Diagnosis {
  return {
    view: details.view,
    status: 'found',
    intent,
    subject: {
      id: ALEX,
      displayName: 'Alex Wilber',
      userPrincipalName: 'alex@contoso.example',
      isGuest: false,
    },
    headline: 'x',
    findings: [],
    details,
    offers: [],
    nextSteps: [],
    missingPermissions: [],
    checkAgain: false,
  };
}

const oneTimePolicy: TapPolicyRecord = {
  state: 'enabled',
  isUsableOnce: true,
  defaultLifetimeInMinutes: 60,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  includeTargets: [{ targetType: 'group', id: 'all_users' }],
  excludeTargets: [],
};

const synced = diagnosis('invalid-password', {
  view: 'user-account',
  user: aUser({ onPremisesSyncEnabled: true }),
  recentFailures: 3,
});
const failedPass = diagnosis('tap-blocked', {
  view: 'temporary-access-pass',
  policy: oneTimePolicy,
  pass: aTap({ methodUsabilityReason: 'OneTimeUsed', isUsable: false }),
  inScope: true,
});
const authenticatorTrouble = diagnosis('mfa-required-or-failed', {
  view: 'mfa-methods',
  methods: [],
  authenticator: {
    state: 'enabled',
    includeTargets: [],
    excludeTargets: [],
    displayAppInformationRequiredState: 'enabled',
    displayLocationInformationRequiredState: 'disabled',
  },
});

describe('tenant-wide causes: detection', () => {
  it('calls password hash sync stalled only for a synced account, past the threshold', () => {
    const kinds = (d: Diagnosis, last: string | null) =>
      detect(signalOf(d, 'AADSTS50126'), { lastPasswordSync: last }, NOW, 3).map((f) => f.kind);
    assert.deepEqual(kinds(synced, ago(10)), ['password-sync-stalled']);
    assert.deepEqual(kinds(synced, null), ['password-sync-stalled']);
    assert.deepEqual(kinds(synced, ago(1)), [], 'a recent sync is not stalled');
    const cloud = diagnosis('invalid-password', {
      view: 'user-account',
      user: aUser({ onPremisesSyncEnabled: false }),
      recentFailures: 3,
    });
    assert.deepEqual(kinds(cloud, ago(10)), [], 'a cloud account has no hash to sync');
    const [finding] = detect(signalOf(synced, ''), { lastPasswordSync: ago(10) }, NOW, 3);
    assert.match(finding.detail, /no password hashes for 10 hours/);
    assert.match(finding.evidence[0], /Last password hash sync: 10 Mar 2026, 02:00 UTC/);
  });

  it('calls a one-time-only pass policy the cause of a failed pass, with the policy change', () => {
    const [finding] = detect(signalOf(failedPass, ''), {}, NOW, 3);
    assert.equal(finding.kind, 'tap-one-time');
    assert.equal(finding.change, 'tap-policy');
    const multiUse = diagnosis('tap-blocked', {
      view: 'temporary-access-pass',
      policy: { ...oneTimePolicy, isUsableOnce: false },
      pass: aTap({ methodUsabilityReason: 'Expired', isUsable: false }),
      inScope: true,
    });
    assert.deepEqual(detect(signalOf(multiUse, ''), {}, NOW, 3), []);
  });

  it('calls out hidden app name or location only while a number-matching announcement runs', () => {
    const signal = signalOf(authenticatorTrouble, 'I keep getting a number prompt');
    assert.equal(detect(signal, { numberMatchingAnnouncement: false }, NOW, 3).length, 0);
    const [finding] = detect(signal, { numberMatchingAnnouncement: true }, NOW, 3);
    assert.equal(finding.change, 'authenticator-context');
  });

  it('recognises an SMS sign-in attempt from the words or a phone number typed as the name', () => {
    const plain = diagnosis('user-not-found', { view: 'sign-in' });
    assert.equal(
      signalOf(plain, 'I tried to sign in with a text message code').triedSmsSignIn,
      true,
    );
    assert.equal(
      signalOf(plain, "We couldn't find an account for +44 7700 900123").triedSmsSignIn,
      true,
    );
    assert.equal(signalOf(plain, 'AADSTS50034 user does not exist').triedSmsSignIn, false);
    const signal = signalOf(plain, 'the SMS code never arrives');
    assert.deepEqual(
      detect(signal, { smsSignInAllowed: false }, NOW, 3).map((f) => f.change),
      ['sms-sign-in'],
    );
    assert.equal(detect(signal, { smsSignInAllowed: true }, NOW, 3).length, 0);
  });
});

describe('tenant-wide causes: said once', () => {
  function watch(
    records: MemoryRecordStore,
    posted: TenantFinding[],
    now: { t: Date },
    reachable = true,
  ) {
    const facts: TenantFactsReader = {
      lastPasswordSync: async () => ago(10),
      numberMatchingAnnouncementActive: async () => false,
      smsSignInAllowed: async () => false,
    };
    return new TenantFindingWatch({
      facts,
      records,
      notifier: {
        post: async (f) => {
          if (reachable) posted.push(f);
          return reachable;
        },
      },
      clock: { now: () => now.t },
      staleHours: 3,
      quietDays: 7,
    });
  }

  it('posts a finding once across instances, and again after the quiet period', async () => {
    const records = new MemoryRecordStore();
    const posted: TenantFinding[] = [];
    const now = { t: NOW };
    const a = watch(records, posted, now);
    const b = watch(records, posted, now);
    await Promise.all([a.check(synced, ''), b.check(synced, ''), a.check(synced, '')]);
    assert.equal(posted.length, 1);
    now.t = new Date(NOW.getTime() + 6 * 24 * HOUR);
    await a.check(synced, '');
    assert.equal(posted.length, 1, 'still quiet after six days');
    now.t = new Date(NOW.getTime() + 8 * 24 * HOUR);
    await b.check(synced, '');
    assert.equal(posted.length, 2);
  });

  it('does not count a finding as said when the channel could not be reached', async () => {
    const records = new MemoryRecordStore();
    const posted: TenantFinding[] = [];
    const now = { t: NOW };
    await watch(records, posted, now, false).check(synced, '');
    await watch(records, posted, now, true).check(synced, '');
    assert.equal(posted.length, 1);
  });

  it('leaves a finding out when its fact cannot be read', async () => {
    const posted: TenantFinding[] = [];
    const w = new TenantFindingWatch({
      facts: {
        lastPasswordSync: async () => {
          throw new Error('403');
        },
        numberMatchingAnnouncementActive: async () => false,
        smsSignInAllowed: async () => false,
      },
      records: new MemoryRecordStore(),
      notifier: { post: async (f) => (posted.push(f), true) },
      clock: { now: () => NOW },
      staleHours: 3,
    });
    assert.deepEqual(await w.check(synced, ''), []);
    assert.equal(posted.length, 0);
  });
});
