import assert from 'node:assert/strict';
import {
  postureCardData,
  postureChangesCardData,
  postureTemplate,
} from '../../cards/posture/posture';
import { render, cardSizeBytes, MAX_CARD_BYTES } from '../../cards';
import { ConfigError, parseConfig } from '../../src/config';
import { postureChanges } from '../../src/posture/changes';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';
import type { PostureItem, PostureReport } from '../../src/posture/types';
import { adaptiveCardsProblems, adaptiveCardsRoundTrip } from '../cards/support/cases';

const item = (id: PostureItem['id'], status: PostureItem['status']): PostureItem => ({
  id,
  title: `Item ${id}`,
  status,
  evidence: [`evidence for ${id}`],
  why: 'a reason',
  fix: { steps: 'do the thing', url: 'https://entra.microsoft.com/' },
});

const report = (items: PostureItem[]): PostureReport => ({
  checkedAt: '2026-01-15T12:00:00.000Z',
  tenantName: 'Contoso',
  items,
  exclusionGroupSizes: {},
});

describe('posture settings', () => {
  const production = {
    BOT_ID: '00000000-0000-0000-0000-000000000001',
    BOT_PASSWORD: 'x',
    AZURE_TENANT_ID: '00000000-0000-0000-0000-000000000002',
    AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000003',
    AZURE_CLIENT_SECRET: 'y',
    AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
    HELPDESK_GROUP_ID: '00000000-0000-0000-0000-000000000004',
  };

  it('defaults to a daily schedule and reads emergency-access accounts', () => {
    const config = parseConfig({
      ...production,
      EMERGENCY_ACCESS_USER_IDS: '00000000-0000-0000-0000-00000000000a',
    });
    assert.equal(config.posture.everyHours, 24);
    assert.deepEqual(config.posture.emergencyAccessUserIds, [
      '00000000-0000-0000-0000-00000000000a',
    ]);
  });

  it('says what it expected and what it got', () => {
    assert.throws(
      () => parseConfig({ ...production, EMERGENCY_ACCESS_USER_IDS: 'breakglass@contoso.com' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /EMERGENCY_ACCESS_USER_IDS: expected a comma-separated list of user object IDs \(GUIDs\), got "breakglass@contoso.com"/.test(
          error.message,
        ),
    );
    assert.throws(
      () => parseConfig({ ...production, POSTURE_EVERY_HOURS: 'daily' }),
      /POSTURE_EVERY_HOURS: expected a whole number from 0 to 168, got "daily"/,
    );
  });

  it('local mode checks against the sandbox break-glass account and may tune the schedule', () => {
    const config = parseConfig({ POSTURE_EVERY_HOURS: '6' }, LOCAL_TENANT);
    assert.equal(config.mode, 'local');
    assert.equal(config.posture.everyHours, 6);
    assert.deepEqual(config.posture.emergencyAccessUserIds, LOCAL_TENANT.protectedUserIds);
  });
});

describe('posture changes', () => {
  it('on the first run reports what is not passing', () => {
    const changes = postureChanges(
      undefined,
      report([item('fido2', 'pass'), item('sms-sign-in', 'warn')]),
    );
    assert.deepEqual(
      changes.map((c) => [c.item.id, c.was]),
      [['sms-sign-in', undefined]],
    );
  });

  it('later reports only verdicts that changed, in either direction', () => {
    const before = report([
      item('fido2', 'pass'),
      item('sms-sign-in', 'warn'),
      item('authenticator', 'warn'),
    ]);
    const after = report([
      item('fido2', 'fail'),
      item('sms-sign-in', 'pass'),
      item('authenticator', 'warn'),
    ]);
    assert.deepEqual(
      postureChanges(before, after).map((c) => [c.item.id, c.was]),
      [
        ['fido2', 'pass'],
        ['sms-sign-in', 'warn'],
      ],
    );
  });
});

describe('posture card', () => {
  const full = report([
    item('fido2', 'pass'),
    item('sms-sign-in', 'warn'),
    item('emergency-access', 'fail'),
    item('secure-score', 'unknown'),
  ]);

  it('puts the worst items first and hides the fix of a passing item', () => {
    const data = postureCardData(full);
    assert.deepEqual(
      data.items.map((i) => i.statusLabel),
      ['✖ Fail', '⚠ Warning', '? Could not check', '✔ Pass'],
    );
    assert.equal(data.items[3].fixSteps, undefined);
    assert.equal(data.summary, '1 failed, 1 warnings, 1 passed, 1 could not be checked.');
  });

  it('renders as a 1.5 card the Adaptive Cards SDK reads without loss', () => {
    for (const data of [
      postureCardData(full),
      postureChangesCardData([{ item: item('fido2', 'fail'), was: 'pass' }], full.checkedAt, false),
    ]) {
      const card = render(postureTemplate, data);
      assert.deepEqual(adaptiveCardsProblems(card), []);
      assert.deepEqual(adaptiveCardsRoundTrip(card), card);
      assert.ok(cardSizeBytes(card) <= MAX_CARD_BYTES);
    }
  });
});
