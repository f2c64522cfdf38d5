import assert from 'node:assert/strict';
import { parseActionData } from '../../cards/verbs';
import {
  authorizeCancel,
  authorizeCreate,
  authorizeDecision,
  type Actor,
} from '../../src/remediation/authorize';
import { buildParams } from '../../src/remediation/params';
import { maskPhoneNumber, normalizePhoneNumber } from '../../src/remediation/phone-number';
import { createRemediationPolicy } from '../../src/remediation/policy';
import { InvalidTransitionError, transition } from '../../src/remediation/state-machine';
import type { RemediationRequest } from '../../src/remediation/types';

const HELPDESK = '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d01';
const policy = createRemediationPolicy({
  helpdeskGroupId: HELPDESK,
  protectedUserIds: ['breakglass'],
  exclusionGroupIds: ['excl'],
});
const approver: Actor = { id: 'approver', groupIds: [HELPDESK] };
const user: Actor = { id: 'user', groupIds: [] };
const now = new Date('2026-11-22T09:00:00Z');

function pending(overrides: Partial<RemediationRequest> = {}): RemediationRequest {
  return {
    id: 'rq-1',
    kind: 'issue-tap',
    params: { kind: 'issue-tap', oneTimeUse: false },
    state: 'pending',
    version: 1,
    mode: 'approval',
    subject: { type: 'user', id: 'user' },
    requester: { id: 'user' },
    reason: 'lost phone',
    createdAt: '2026-11-22T08:00:00.000Z',
    expiresAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T08:00:00.000Z',
    ...overrides,
  };
}

describe('remediation rules', () => {
  describe('state machine', () => {
    it('walks the happy path, bumping the version at each step', () => {
      const at = now;
      let r = transition(pending(), { type: 'approve', by: { id: 'approver' }, at });
      r = transition(r, { type: 'start', at });
      r = transition(r, { type: 'succeed', at, outcome: { summary: 'ok', graphRequestIds: [] } });
      assert.equal(r.state, 'succeeded');
      assert.equal(r.version, 4);
      assert.equal(r.decision?.by.id, 'approver');
      assert.equal(r.finishedAt, at.toISOString());
    });

    it('refuses every edge that is not in the table', () => {
      const done = { ...pending(), state: 'succeeded' as const };
      for (const type of ['approve', 'reject', 'cancel', 'expire', 'start'] as const) {
        assert.throws(
          () =>
            transition(done, { type, at: now, by: { id: 'x' }, reason: 'r' } as Parameters<
              typeof transition
            >[1]),
          InvalidTransitionError,
        );
      }
      assert.throws(
        () => transition(pending(), { type: 'start', at: now }),
        InvalidTransitionError,
      );
    });
  });

  describe('authorisation', () => {
    it('lets end users ask for themselves only, and helpdesk for anyone', () => {
      const q = { kind: 'issue-tap' as const, mode: 'request' as const, policy };
      assert.deepEqual(authorizeCreate({ ...q, actor: user, subjectId: 'user' }), {
        allowed: true,
      });
      assert.equal(
        (authorizeCreate({ ...q, actor: user, subjectId: 'other' }) as { reason: string }).reason,
        'not-self',
      );
      assert.deepEqual(authorizeCreate({ ...q, actor: approver, subjectId: 'other' }), {
        allowed: true,
      });
      const protectedSubject = authorizeCreate({ ...q, actor: approver, subjectId: 'breakglass' });
      assert.equal((protectedSubject as { reason: string }).reason, 'protected-subject');
    });

    it('checks, in order: state, expiry, card version, requester, subject, approver group', () => {
      const reason = (r: ReturnType<typeof authorizeDecision>) =>
        r.allowed ? 'allowed' : r.reason;
      const base = { actor: approver, now, policy };
      assert.equal(
        reason(authorizeDecision({ ...base, request: pending(), cardVersion: 1 })),
        'allowed',
      );
      assert.equal(
        reason(
          authorizeDecision({ ...base, request: pending({ state: 'approved' }), cardVersion: 1 }),
        ),
        'not-pending',
      );
      assert.equal(
        reason(
          authorizeDecision({ ...base, now: new Date('2026-11-22T10:00:00Z'), request: pending() }),
        ),
        'expired',
      );
      assert.equal(
        reason(authorizeDecision({ ...base, request: pending(), cardVersion: 2 })),
        'stale-card',
      );
      assert.equal(
        reason(authorizeDecision({ ...base, request: pending({ requester: { id: 'approver' } }) })),
        'self-approval',
      );
      assert.equal(
        reason(
          authorizeDecision({
            ...base,
            request: pending({ subject: { type: 'user', id: 'approver' }, requester: { id: 'x' } }),
          }),
        ),
        'own-fix',
      );
      assert.equal(
        reason(
          authorizeDecision({ ...base, actor: { id: 'other', groupIds: [] }, request: pending() }),
        ),
        'not-approver',
      );
    });

    it('lets only the requester cancel a pending request', () => {
      assert.deepEqual(authorizeCancel({ actor: user, request: pending(), now }), {
        allowed: true,
      });
      assert.equal(
        (authorizeCancel({ actor: approver, request: pending(), now }) as { reason: string })
          .reason,
        'not-requester',
      );
    });
  });

  describe('button data', () => {
    it('accepts what the cards send, inputs as strings included', () => {
      const data = parseActionData('request.create', {
        v: 1,
        action: 'ca-exclusion',
        subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01',
        targetId: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c01',
        hours: '8',
        oneTimeUse: 'false',
        phoneNumber: '',
      });
      assert.equal(data.hours, 8);
      assert.equal(data.oneTimeUse, false);
      assert.equal(data.phoneNumber, undefined);
      assert.deepEqual(
        parseActionData('request.approve', { v: 1, requestId: 'rq-1', version: 3 }),
        {
          v: 1,
          requestId: 'rq-1',
          version: 3,
        },
      );
      assert.equal(
        parseActionData('request.reject', { v: 1, requestId: 'rq-1', version: 1, reason: ' no ' })
          .reason,
        'no',
      );
    });

    it('rejects forged or extra fields with the out-of-date message', () => {
      for (const data of [
        { v: 1, requestId: 'rq-1', version: 1, approver: 'me' },
        { v: 2, requestId: 'rq-1', version: 1 },
        { v: 1, requestId: 'rq 1; drop', version: 1 },
        { v: 1, requestId: 'rq-1' },
      ]) {
        assert.throws(() => parseActionData('request.approve', data), { code: 'action-invalid' });
      }
      assert.throws(
        () =>
          parseActionData('request.create', {
            v: 1,
            action: 'grant-admin',
            subjectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01',
          }),
        { code: 'action-invalid' },
      );
    });
  });

  describe('parameters', () => {
    it('applies defaults and limits', () => {
      assert.deepEqual(buildParams('ca-exclusion', undefined, {}, policy), {
        ok: true,
        params: { kind: 'ca-exclusion', hours: 4 },
      });
      assert.equal(buildParams('ca-exclusion', undefined, { hours: 73 }, policy).ok, false);
      assert.equal(buildParams('sync-device', undefined, {}, policy).ok, false);
      assert.equal(buildParams('issue-tap', undefined, { lifetimeMinutes: 5 }, policy).ok, false);
    });
  });

  describe('phone numbers', () => {
    const cases: Array<[string, string | undefined]> = [
      ['+1 2065550100', '+1 2065550100'],
      ['+1 (206) 555-0100', '+1 2065550100'],
      ['+12065550100', '+1 2065550100'],
      ['+447700900123', '+44 7700900123'],
      ['+44 (0)7700 900123', '+44 7700900123'],
      ['+353871234567', '+353 871234567'],
      ['+33 6 12 34 56 78 ext. 12', '+33 612345678x12'],
      ['07700 900123', undefined],
      ['+44 12', undefined],
      ['+44 7700 ABC', undefined],
    ];
    for (const [input, expected] of cases) {
      it(`${JSON.stringify(input)} → ${expected ?? 'refused'}`, () => {
        const result = normalizePhoneNumber(input);
        if (expected === undefined) assert.equal(result.ok, false);
        else assert.deepEqual(result, { ok: true, phoneNumber: expected });
      });
    }

    it('masks all but the last four digits', () => {
      assert.equal(maskPhoneNumber('+44 7700900123'), '+44 ••••••0123');
    });
  });
});
