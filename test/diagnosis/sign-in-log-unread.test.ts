import assert from 'node:assert/strict';
import { GraphError } from '@microsoft/microsoft-graph-client';
import type { Triage } from '../../src/triage/types';
import type { Diagnosis } from '../../src/diagnosis/types';
import { toGraphAppError } from '../../src/graph/errors';
import { aCaPolicy, aDevice, aManagedDevice, aTriage, aUser } from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

const REQUEST_ID = '0f5e2c1a-1111-4222-8333-444455556666';
const BUSY_LINE =
  'Microsoft Graph was too busy to read the sign-in log just now, so recent sign-ins are not part of this answer; checking again in a few minutes may add them.';
const UNREACHED_LINE =
  'Microsoft Graph could not be reached just now to read the sign-in log, so recent sign-ins are not part of this answer; checking again in a few minutes may add them.';
const gaps = (d: Diagnosis) => d.findings.filter((f) => f.kind === 'gap').map((f) => f.detail);

/** What the Graph client throws for a status, or with none when nothing answers at all. */
const failing = (status?: number) => () =>
  Promise.reject(
    toGraphAppError(
      status === undefined ? new TypeError('fetch failed') : new GraphError(status, 'no'),
      { operation: 'findSignIns', permission: 'AuditLog.Read.All' },
    ),
  );

interface Case {
  name: string;
  tenant: () => FakeDirectory;
  triage: Triage;
  /** What still stands without the sign-in log. */
  stands: RegExp[];
  audience?: 'user' | 'helpdesk';
}

const CASES: Case[] = [
  {
    name: 'MFA: the registered methods',
    tenant: () => new FakeDirectory({ users: [aUser()] }),
    triage: aTriage('mfa-required-or-failed', { code: 500121 }),
    stands: [/No verification method is registered/],
  },
  {
    name: 'Conditional Access, for the helpdesk: the acting policies, report-only marked, none disabled',
    audience: 'helpdesk',
    tenant: () =>
      new FakeDirectory({
        users: [aUser()],
        caPolicies: [
          aCaPolicy({ displayName: 'CA001 Block outside allowed countries' }),
          aCaPolicy({
            displayName: 'CA003 Require MFA',
            state: 'enabledForReportingButNotEnforced',
          }),
          aCaPolicy({ displayName: 'CA009 Old rule', state: 'disabled' }),
        ],
      }),
    triage: aTriage('ca-blocked', { code: 53003, fields: { requestId: REQUEST_ID } }),
    stands: [/Conditional Access policies in this tenant/, /CA001/, /CA003.*report-only/],
  },
  {
    name: 'device compliance with a request id: the Intune device',
    tenant: () => new FakeDirectory({ users: [aUser()], managedDevices: [aManagedDevice()] }),
    triage: aTriage('device-noncompliant', { code: 53000, fields: { requestId: REQUEST_ID } }),
    stands: [/ALEX-LT-01/, /Require BitLocker/],
  },
  {
    name: 'device registration: the registered devices',
    tenant: () => new FakeDirectory({ users: [aUser()], devices: [aDevice()] }),
    triage: aTriage('device-not-domain-joined', { code: 53001 }),
    stands: [/ALEX-HOME-PC/],
  },
  {
    name: 'the plain sign-in look-up',
    tenant: () => new FakeDirectory({ users: [aUser()] }),
    triage: aTriage('app-misconfigured', { code: 50011 }),
    stands: [/What the error means/],
  },
  {
    name: 'a paste with only a request id',
    tenant: () => new FakeDirectory({ users: [aUser()] }),
    triage: aTriage('app-misconfigured', { fields: { requestId: REQUEST_ID } }),
    stands: [/The sign-in did not complete/],
  },
];

describe('diagnosis: answers whose sign-in log Graph does not answer', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      it('too busy: what was read stands, one line says so, and Check again may complete it', async () => {
        const reader = c.tenant();
        let reads = 0;
        reader.findSignIns = () => {
          reads += 1;
          return failing(429)();
        };
        const d = await run(reader, c.triage, { audience: c.audience });
        for (const pattern of c.stands) assert.match(said(d), pattern, said(d));
        assert.deepEqual(gaps(d), [BUSY_LINE]);
        assert.equal(d.unanswered, 'busy');
        assert.equal(d.pasted, undefined, 'no claim that an id is missing from the log');
        assert.equal(reads, 1, 'the log is not asked again for the latest failure');
      });

      it('nothing answers at all (no status): the same, saying Graph could not be reached', async () => {
        const reader = c.tenant();
        reader.findSignIns = failing();
        const d = await run(reader, c.triage, { audience: c.audience });
        for (const pattern of c.stands) assert.match(said(d), pattern);
        assert.deepEqual(gaps(d), [UNREACHED_LINE]);
        assert.equal(d.unanswered, 'unreachable');
        assert.deepEqual(d.missingPermissions, []);
        assert.doesNotMatch(said(d), /at Object|Error:|stack/);
      });

      it('a 403 still names the permission, with nothing to check again', async () => {
        const d = await run(c.tenant().revoke('AuditLog.Read.All'), c.triage, {
          audience: c.audience,
        });
        assert.deepEqual(d.missingPermissions, ['AuditLog.Read.All']);
        assert.equal(d.unanswered, undefined);
        assert.doesNotMatch(said(d), /too busy|could not be reached/);
      });

      it('any other refusal still fails the answer', async () => {
        const reader = c.tenant();
        reader.findSignIns = failing(400);
        await assert.rejects(run(reader, c.triage, { audience: c.audience }), {
          code: 'graph-failed',
        });
      });
    });
  }
});

describe('diagnosis: a Conditional Access answer for the person, without the sign-in log', () => {
  it("gives the error's explanation and the line, not the tenant's list of policies", async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      caPolicies: [aCaPolicy({ displayName: 'CA001 Block outside allowed countries' })],
    });
    reader.findSignIns = failing(503);
    const d = await run(
      reader,
      aTriage('ca-blocked', { code: 53003, fields: { requestId: REQUEST_ID } }),
    );
    assert.equal(d.headline, 'A Conditional Access rule blocked the sign-in');
    assert.doesNotMatch(said(d), /CA001|policies in this tenant/);
    assert.deepEqual(gaps(d), [UNREACHED_LINE]);
    assert.equal(d.unanswered, 'unreachable');
  });
});

describe('diagnosis: an account check ("diagnose alex@…") whose sign-in log Graph does not answer', () => {
  it('does not say nothing failed: it says the log was not read, with Check again', async () => {
    const reader = new FakeDirectory({ users: [aUser()] });
    reader.findSignIns = failing(429);
    const d = await run(reader, aTriage('other-known'));
    assert.doesNotMatch(said(d), /No failed sign-in|has no failed sign-in/, said(d));
    assert.equal(d.headline, 'The sign-in log could not be read just now');
    assert.deepEqual(gaps(d), [BUSY_LINE]);
    assert.equal(d.unanswered, 'busy');
    assert.notEqual(d.status, 'no-record');
  });
});
