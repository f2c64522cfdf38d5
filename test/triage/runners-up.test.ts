import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isChoosable, readFromWordsAlone } from '../../src/triage/correction';
import { MAX_RUNNERS_UP, RUNNER_UP_FLOOR, runnersUpOf } from '../../src/triage/fallback';
import { loadCatalog } from '../../src/triage/catalog';
import { shippedModel } from '../../src/triage/model';
import { triage } from '../../src/triage/triage';
import type { Intent } from '../../src/triage/types';

const FIXTURES = join(__dirname, '..', 'fixtures', 'triage');

/** Every development paste (dev-*.jsonl only, never a blind set), with its id and label. */
function devPastes(): Array<{ id: string; text: string; intent?: string }> {
  return readdirSync(FIXTURES)
    .filter((n) => n.startsWith('dev-') && n.endsWith('.jsonl'))
    .flatMap((n) => readFileSync(join(FIXTURES, n), 'utf8').split('\n'))
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: string; text: string; intent?: string });
}
const byId = (id: string): string => {
  const found = devPastes().find((p) => p.id === id);
  assert.ok(found, `dev paste ${id}`);
  return found.text;
};

describe('triage runners-up (readings from words alone)', () => {
  const model = shippedModel();

  it('keeps the choosable intents above the floor, best first, without the reading, at most three', () => {
    const p = (scores: Partial<Record<Intent, number>>): number[] =>
      model.intents.map((intent) => scores[intent] ?? 0);
    assert.deepEqual(
      runnersUpOf(
        p({
          'legacy-auth-blocked': 0.5,
          'invalid-password': 0.1,
          'account-locked': 0.3,
          'password-expired': 0.05,
          'tap-blocked': 0.2,
          question: 0.4,
          unrelated: 0.45,
          'other-known': 0.35,
          'consent-required': RUNNER_UP_FLOOR / 2,
        }),
        model.intents,
        'legacy-auth-blocked',
      ),
      [
        { intent: 'account-locked', score: 0.3 },
        { intent: 'tap-blocked', score: 0.2 },
        { intent: 'invalid-password', score: 0.1 },
      ],
    );
    assert.deepEqual(
      runnersUpOf(
        p({ 'account-locked': 0.999, 'consent-required': 0.0005 }),
        model.intents,
        'account-locked',
      ),
      [],
      'nothing above the floor but the reading itself',
    );
  });

  it('names the right problem first on real dev pastes whose reading has a close neighbour', () => {
    // Each was read as its neighbour from its words alone; the person would find theirs first.
    const cases: Array<[id: string, read: Intent, first: Intent]> = [
      ['page-exchangeteamjp-imap-yen-password', 'legacy-auth-blocked', 'invalid-password'],
      [
        'gh-getmail6-144-login-failed-mfa-noninteractive',
        'mfa-required-or-failed',
        'legacy-auth-blocked',
      ],
      ['page-funshitsu-ja-org-policy-not-met', 'invalid-password', 'ca-blocked'],
      [
        'gh-azure-docs-ja-external-user-not-in-federated-domain',
        'device-not-domain-joined',
        'user-not-found',
      ],
      [
        'gh-office-docs-powershell-1168-spo-mfa-no-prompt',
        'account-disabled',
        'mfa-required-or-failed',
      ],
    ];
    for (const [id, read, first] of cases) {
      const result = triage(byId(id));
      assert.equal(result.intent, read, id);
      assert.ok(readFromWordsAlone(result), id);
      assert.equal(
        result.runnersUp?.[0]?.intent,
        first,
        `${id}: ${JSON.stringify(result.runnersUp)}`,
      );
    }
  });

  it('keeps them on readings from words alone only, within their bounds, on every dev paste', () => {
    const catalog = loadCatalog();
    let kept = 0;
    for (const { id, text } of devPastes()) {
      const result = triage(text, catalog);
      const { runnersUp } = result;
      if (runnersUp === undefined) continue;
      kept += 1;
      assert.ok(readFromWordsAlone(result), `${id}: runners-up only on a reading from words`);
      assert.ok(runnersUp.length >= 1 && runnersUp.length <= MAX_RUNNERS_UP, id);
      for (const [i, r] of runnersUp.entries()) {
        assert.ok(isChoosable(r.intent) && r.intent !== result.intent, id);
        assert.ok(r.score >= RUNNER_UP_FLOOR, id);
        if (i > 0) assert.ok(r.score <= (runnersUp[i - 1]?.score ?? 1), id);
      }
    }
    assert.ok(kept >= 30, `some dev readings keep runners-up (${kept})`);
  });

  it('keeps none on a code, an exact sentence, a question or an unrelated text', () => {
    for (const text of [
      'AADSTS50053: The account is locked because the user tried to sign in too many times.',
      'Your account has been locked. Contact your support person to unlock it, then try again.',
      'How do I set up number matching for the Authenticator app?',
      'Lunch is at noon in the big meeting room.',
    ]) {
      assert.equal(triage(text).runnersUp, undefined, text);
    }
  });
});
