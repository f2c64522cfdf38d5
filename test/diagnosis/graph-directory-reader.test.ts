import assert from 'node:assert/strict';
import type { Client } from '@microsoft/microsoft-graph-client';
import { diagnose } from '../../src/diagnosis/diagnose';
import type { SubjectRef } from '../../src/diagnosis/subject';
import type { Diagnosis } from '../../src/diagnosis/types';
import { isAppError } from '../../src/errors';
import { createGraphClient } from '../../src/graph/client';
import { SandboxCredential } from '../../src/graph/credential';
import { GraphDirectoryReader } from '../../src/graph/directory-reader';
import { systemClock } from '../../src/ports';
import { demoFixture } from '../../src/sandbox/fixture';
import {
  SCENARIO_DEVICES,
  SCENARIO_POLICIES,
  SCENARIO_SIGN_INS,
  SCENARIO_USERS,
} from '../../src/sandbox/scenario-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { triage } from '../../src/triage';
import { said } from './fakes/run';

/**
 * The Graph adapter against the sandbox tenant over HTTP: each seeded scenario must come back with
 * the sandbox's own facts, and Graph's failure modes must become the AppErrors diagnosis expects.
 */
describe('GraphDirectoryReader against the sandbox tenant @slow', function () {
  this.timeout(30_000);
  let sandbox: SandboxTenant;
  let client: Client;

  before(async () => {
    sandbox = await startSandboxTenant({ port: 0 });
    client = createGraphClient({
      baseUrl: sandbox.url,
      credential: new SandboxCredential(),
      retryDelaySeconds: 0,
    });
  });
  after(async () => sandbox?.close());
  beforeEach(() => sandbox.reset());

  /** A fresh reader per test: its own caches and its own limiter. */
  const reader = () => new GraphDirectoryReader(client);

  function diagnosePaste(text: string, subject: SubjectRef, r = reader()): Promise<Diagnosis> {
    return diagnose(
      { triage: triage(text), subject, audience: 'user' },
      { reader: r, clock: systemClock },
    );
  }

  const topLevel = () => sandbox.requests.filter((r) => r.batchItemId === undefined);
  const items = () => sandbox.requests.filter((r) => r.batchItemId !== undefined);

  describe("each scenario, with the tenant's own facts", () => {
    it('blocked by CA: the failing policies, the report-only one apart, in one or two batches', async () => {
      const d = await diagnosePaste(
        `AADSTS53003: Access has been blocked by Conditional Access policies.\nRequest Id: ${SCENARIO_SIGN_INS.caBlocked.id}\nCorrelation Id: ${SCENARIO_SIGN_INS.caBlocked.correlationId}`,
        { kind: 'id', id: SCENARIO_USERS.caBlocked.id },
      );
      assert.equal(d.status, 'found');
      assert.ok(d.details.view === 'conditional-access');
      assert.deepEqual(
        d.details.enforced.map((p) => p.id).sort(),
        [SCENARIO_POLICIES.blockCountries, SCENARIO_POLICIES.compliantDevice].sort(),
      );
      // Only visible with Prefer: include-unknown-enum-members; otherwise unknownFutureValue.
      assert.deepEqual(
        d.details.reportOnly.map((p) => [p.id, p.result]),
        [[SCENARIO_POLICIES.mfaAllReportOnly, 'reportOnlyFailure']],
      );
      assert.match(said(d) + JSON.stringify(d.signIn?.facts), /Sao Paulo, BR/);
      assert.ok(
        d.offers.some(
          (o) => o.kind === 'ca-exclusion' && o.targetId === SCENARIO_POLICIES.blockCountries,
        ),
      );
      assert.ok(
        topLevel().every((r) => r.path === '/v1.0/$batch'),
        'every read went through $batch',
      );
      assert.equal(topLevel().length, 1, 'user, sign-in and CA policies in one round trip');
      const signIns = items().find((r) => r.path === '/v1.0/auditLogs/signIns');
      assert.match(signIns?.query.$select ?? '', /appliedConditionalAccessPolicies/);
      assert.match(
        signIns?.query.$filter ?? '',
        /^userId eq '.+' and id eq '.+' and createdDateTime ge /,
      );
    });

    it('device not compliant: SALES-LT-014, its failing settings, and a sync offer for it', async () => {
      const d = await diagnosePaste(
        'AADSTS53000: Device is not in required device state: compliant.',
        {
          kind: 'id',
          id: SCENARIO_USERS.deviceNoncompliant.id,
        },
      );
      assert.equal(d.status, 'found');
      assert.match(d.headline, /SALES-LT-014/);
      assert.match(said(d), /Require BitLocker/);
      assert.match(said(d), /Minimum OS version/);
      assert.deepEqual(
        d.offers.map((o) => [o.kind, o.targetId]),
        [['sync-device', SCENARIO_DEVICES.salesManagedDevice]],
      );
      assert.ok(topLevel().length <= 2, `${topLevel().length} round trips`);
    });

    it('device not hybrid joined: FINANCE-HOME-PC is registered only', async () => {
      const d = await diagnosePaste(
        'AADSTS53001: Device is not in required device state: domain joined.',
        {
          kind: 'id',
          id: SCENARIO_USERS.deviceNotHybridJoined.id,
        },
      );
      assert.match(d.headline, /FINANCE-HOME-PC: Registered only/);
    });

    it('risky user: high risk, at risk, with the leaked credentials detection', async () => {
      const d = await diagnosePaste("We've detected suspicious activity on your account.", {
        kind: 'id',
        id: SCENARIO_USERS.riskyUser.id,
      });
      assert.equal(d.status, 'found');
      assert.match(said(d), /Risk level: High/);
      assert.ok(d.details.view === 'user-risk');
      assert.deepEqual(
        d.details.detections.map((x) => x.riskEventType),
        ['unfamiliarFeatures', 'leakedCredentials'],
      );
      assert.deepEqual(
        d.offers.map((o) => o.kind),
        ['dismiss-risk', 'confirm-compromised', 'require-password-change', 'revoke-sessions'],
      );
    });

    it('guest: no risk record here (404 is an answer, not an error), no offers', async () => {
      const d = await diagnosePaste("We've detected suspicious activity on your account.", {
        kind: 'id',
        id: SCENARIO_USERS.guestBlocked.id,
      });
      assert.equal(d.status, 'found');
      assert.deepEqual(d.offers, []);
      assert.match(said(d), /home/);
    });

    it('TAP: the expired multi-use pass and the used one-time pass', async () => {
      const text = 'Temporary Access Pass sign in was blocked due to User Credential Policy';
      const expired = await diagnosePaste(text, { kind: 'id', id: SCENARIO_USERS.tapExpired.id });
      assert.match(said(expired), /It expired on/);
      assert.equal(expired.offers[0]?.kind, 'issue-tap');
      const used = await diagnosePaste(text, { kind: 'id', id: SCENARIO_USERS.tapUsed.id });
      assert.match(said(used), /already been used/);
    });

    it('MFA: the denied push and the old Authenticator', async () => {
      const d = await diagnosePaste(
        'AADSTS500121: Authentication failed during strong authentication request.',
        {
          kind: 'id',
          id: SCENARIO_USERS.mfaDenied.id,
        },
      );
      assert.match(said(d), /6\.2006\.2217/);
      assert.match(said(d), /denied the Microsoft Authenticator notification/);
    });

    it('locked and disabled accounts: the failures and the on-premises source', async () => {
      const locked = await diagnosePaste('AADSTS50053: Your account is locked.', {
        kind: 'id',
        id: SCENARIO_USERS.accountLocked.id,
      });
      assert.match(said(locked), /4 failed attempts/);
      const disabled = await diagnosePaste('AADSTS50057: The user account is disabled.', {
        kind: 'id',
        id: SCENARIO_USERS.accountDisabledSynced.id,
      });
      assert.match(said(disabled), /On-premises Active Directory \(synced\)/);
    });

    it("a code-less expired password in a subdomain: the root domain's period decides", async () => {
      // The member moves to eu.sandbox.example, a subdomain with no period of its own, with a
      // password changed 100 days ago; its root sandbox.example keeps passwords 90 days.
      const member = sandbox.state.users.find((u) => u.id === SCENARIO_USERS.caBlocked.id);
      assert.ok(member);
      member.userPrincipalName = 'user@eu.sandbox.example';
      member.lastPasswordChangeDateTime = new Date(Date.now() - 100 * 86_400_000).toISOString();
      const d = await diagnosePaste('My password expired', {
        kind: 'id',
        id: SCENARIO_USERS.caBlocked.id,
      });
      assert.equal(d.status, 'found', said(d));
      assert.equal(d.headline, 'The password has expired');
      assert.match(
        said(d),
        /passwords in eu\.sandbox\.example \(which follows its root domain sandbox\.example\) last 90 days/,
      );
      const paths = sandbox.requests.map((r) => r.path).filter((p) => p.includes('/domains/'));
      assert.deepEqual(paths, [
        '/v1.0/domains/eu.sandbox.example',
        '/v1.0/domains/eu.sandbox.example/rootDomain',
      ]);
    });
  });

  it("takes Identity Protection reads in turns between people: a second person's read comes before the first person's next", async () => {
    const r = reader();
    const first = SCENARIO_USERS.riskyUser.id;
    const second = SCENARIO_USERS.caBlocked.id;
    // All three start together; the first person's second read waits behind the second person's.
    const [risky, detections, none] = await Promise.all([
      r.getRiskyUser(first),
      r.listRiskDetections(first, 5),
      r.getRiskyUser(second),
    ]);
    assert.equal(risky?.riskLevel, 'high');
    assert.ok(detections.length > 0);
    assert.equal(none, undefined, 'the second person has no risk record');
    const whose = items()
      .filter((i) => i.path.startsWith('/v1.0/identityProtection/'))
      .map((i) => {
        const about = `${i.path} ${JSON.stringify(i.query)}`.includes(second) ? 'second' : 'first';
        return `${about}:${i.path.endsWith('/riskDetections') ? 'detections' : 'risk'}`;
      });
    assert.deepEqual(whose, ['first:risk', 'second:risk', 'first:detections']);
  });

  describe('Graph failures', () => {
    it('a 403 names the least-privileged permission', async () => {
      sandbox.state.app.grantedPermissions = sandbox.state.app.grantedPermissions.filter(
        (p) => p !== 'AuditLog.Read.All',
      );
      await assert.rejects(
        reader().findSignIns({ userId: SCENARIO_USERS.caBlocked.id, since: new Date(0), top: 5 }),
        (error: unknown) => {
          assert.ok(isAppError(error));
          assert.equal(error.code, 'graph-forbidden');
          assert.equal(error.missingPermission, 'AuditLog.Read.All');
          assert.match(error.userMessage, /AuditLog\.Read\.All/);
          assert.ok(error.requestId, 'the Graph request id is kept for the admin');
          return true;
        },
      );
    });

    it('says which permission hides the CA results when sign-ins come without them', async () => {
      const keep = new Set(['Policy.Read.All', 'IdentityRiskyUser.ReadWrite.All']);
      sandbox.state.app.grantedPermissions = sandbox.state.app.grantedPermissions.filter(
        (p) => !keep.has(p),
      );
      const d = await diagnosePaste(`AADSTS53003\nRequest Id: ${SCENARIO_SIGN_INS.caBlocked.id}`, {
        kind: 'id',
        id: SCENARIO_USERS.caBlocked.id,
      });
      assert.ok(d.details.view === 'conditional-access');
      assert.equal(d.details.caDetailsHidden, true);
      assert.ok(d.missingPermissions.includes('Policy.Read.All'));
      assert.match(said(d), /which Conditional Access policies applied/);
    });

    it('a 404 user is "not found", for the reader and for a helpdesk diagnosis', async () => {
      assert.equal(await reader().getUser('nobody@sandbox.example'), undefined);
      const d = await diagnosePaste('AADSTS53003', { kind: 'upn', upn: 'nobody@sandbox.example' });
      assert.equal(d.status, 'user-not-found');
    });

    it('throttling past the wait budget says when to try again', async () => {
      sandbox.faults.add({
        pathPattern: '/identityProtection/riskyUsers',
        status: 429,
        retryAfterSeconds: 120,
      });
      await assert.rejects(reader().getRiskyUser(SCENARIO_USERS.riskyUser.id), (error: unknown) => {
        assert.ok(isAppError(error));
        assert.equal(error.code, 'graph-throttled');
        assert.equal(error.retryAfterSeconds, 120);
        assert.match(error.userMessage, /120 seconds/);
        return true;
      });
    });

    it('retries only the batch item that was throttled', async () => {
      sandbox.faults.add({
        pathPattern: '/users',
        method: 'GET',
        status: 429,
        retryAfterSeconds: 1,
        times: 1,
      });
      const r = reader();
      const [user, devices] = await Promise.all([
        r.getUser(SCENARIO_USERS.caBlocked.id),
        r.listManagedDevices(SCENARIO_USERS.deviceNoncompliant.id),
      ]);
      assert.equal(user?.userPrincipalName, SCENARIO_USERS.caBlocked.upn);
      assert.equal(devices[0]?.deviceName, 'SALES-LT-014');
      assert.equal(topLevel().length, 2, 'the first batch, then one for the throttled item');
      assert.deepEqual(
        items().map((i) => [i.path.endsWith('/managedDevices') ? 'devices' : 'user', i.status]),
        [
          ['user', 429],
          ['devices', 200],
          ['user', 200],
        ],
      );
    });
  });

  describe('economy', () => {
    it('sends identical reads in flight once, and keeps policies for a while', async () => {
      const r = reader();
      await Promise.all([
        r.getUser(SCENARIO_USERS.caBlocked.id),
        r.getUser(SCENARIO_USERS.caBlocked.id),
      ]);
      assert.equal(items().filter((i) => i.path.includes('/users/')).length, 1);
      await r.listConditionalAccessPolicies();
      await r.listConditionalAccessPolicies();
      assert.equal(items().filter((i) => i.path.includes('conditionalAccess')).length, 1);
    });

    it('follows nextLink through every page', async () => {
      const fixture = demoFixture();
      const template = fixture.conditionalAccessPolicies[0];
      for (let i = 0; i < 130; i += 1) {
        fixture.conditionalAccessPolicies.push({
          ...structuredClone(template),
          id: `4c1a2b3d-5e6f-4a7b-8c9d-${String(i).padStart(12, '0')}`,
          displayName: `Generated ${i}`,
        });
      }
      const big = await startSandboxTenant({ port: 0, fixture });
      try {
        const bigClient = createGraphClient({
          baseUrl: big.url,
          credential: new SandboxCredential(),
        });
        const policies = await new GraphDirectoryReader(bigClient).listConditionalAccessPolicies();
        assert.equal(policies.length, fixture.conditionalAccessPolicies.length);
        assert.equal(big.requests.filter((q) => q.path.endsWith('/policies')).length, 2);
      } finally {
        await big.close();
      }
    });

    it('with the documented limits enforced, a crowd of sign-in look-ups gets no 429', async () => {
      const limited = await startSandboxTenant({ port: 0, enforceLimits: true });
      try {
        const r = new GraphDirectoryReader(
          createGraphClient({ baseUrl: limited.url, credential: new SandboxCredential() }),
        );
        // Three were blocked with 53003; the fourth has a 53000 and needs a query of its own.
        const users = [
          SCENARIO_USERS.caBlocked,
          SCENARIO_USERS.guestBlocked,
          SCENARIO_USERS.riskyUser,
          SCENARIO_USERS.deviceNoncompliant,
        ];
        const answers = await Promise.all(
          users.map((u) =>
            r.findSignIns({
              userId: u.id,
              since: new Date(Date.now() - 86_400_000),
              top: 50,
              expectedErrorCode: 53003,
            }),
          ),
        );
        assert.deepEqual(
          answers.map((rows) => rows[0]?.status.errorCode),
          [53003, 53003, 53003, 53000],
        );
        assert.ok(answers.every((rows, i) => rows.every((row) => row.userId === users[i].id)));
        assert.equal(limited.requests.filter((q) => q.status === 429).length, 0);
        assert.equal(limited.requests.filter((q) => q.path.endsWith('/signIns')).length, 2);
      } finally {
        await limited.close();
      }
    });
  });
});
