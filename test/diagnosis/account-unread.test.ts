import assert from 'node:assert/strict';
import { GraphError } from '@microsoft/microsoft-graph-client';
import type { Diagnosis } from '../../src/diagnosis/types';
import { toGraphAppError } from '../../src/graph/errors';
import { triage } from '../../src/triage';
import { accountCheckTriage } from '../../src/diagnosis/account-check';
import {
  aDevice,
  aManagedDevice,
  aRiskyUser,
  aSignIn,
  aTriage,
  aUser,
  minutesAgo,
} from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

const ACCOUNT_BUSY =
  'Microsoft Graph was too busy to read the account just now, so this answer goes without it; checking again in a few minutes may add it.';
const ACCOUNT_UNREACHED =
  'Microsoft Graph could not be reached just now to read the account, so this answer goes without it; checking again in a few minutes may add it.';
const LOG_BUSY =
  'Microsoft Graph was too busy to read the sign-in log just now, so recent sign-ins are not part of this answer; checking again in a few minutes may add them.';
const gaps = (d: Diagnosis) => d.findings.filter((f) => f.kind === 'gap').map((f) => f.detail);
/** What only the account record could have said. */
const RECORD_CLAIMS = /The account record|Enabled: |turned on now|Managed in|Password changed/;

/** What the Graph client throws for a status, or with none when nothing answers at all. */
const failing = (status?: number) => () =>
  Promise.reject(
    toGraphAppError(
      status === undefined ? new TypeError('fetch failed') : new GraphError(status, 'no'),
      { operation: 'getUser', permission: 'User.Read.All' },
    ),
  );

/** A tenant whose user record read fails with `status` (none: out of reach). */
function accountFails(
  status: number | undefined,
  tenant = new FakeDirectory({ users: [aUser()] }),
) {
  tenant.getUser = failing(status);
  return tenant;
}

const wrongPasswords = () =>
  [1, 2].map((n) =>
    aSignIn({
      createdDateTime: minutesAgo(10 * n),
      status: { errorCode: 50126, failureReason: 'Invalid password.', additionalDetails: null },
      appliedConditionalAccessPolicies: [],
    }),
  );

describe('diagnosis: answers whose account record Graph does not answer', () => {
  for (const [status, why, line] of [
    [429, 'busy', ACCOUNT_BUSY],
    [503, 'unreachable', ACCOUNT_UNREACHED],
    [504, 'unreachable', ACCOUNT_UNREACHED],
    [undefined, 'unreachable', ACCOUNT_UNREACHED],
  ] as const) {
    const label = status ?? 'no answer';
    it(`a pasted AADSTS50126 (${label}): the explanation and the failures from the log, not the record`, async () => {
      const tenant = accountFails(
        status,
        new FakeDirectory({ users: [aUser()], signIns: wrongPasswords() }),
      );
      const d = await run(tenant, triage('AADSTS50126'));
      const text = said(d);
      assert.ok(text.includes(triage('AADSTS50126').entry!.userText), text);
      assert.match(text, /2 failed attempts in the last day/);
      assert.doesNotMatch(text, RECORD_CLAIMS);
      assert.deepEqual(gaps(d), [line]);
      assert.equal(d.unanswered, why);
      assert.equal(d.subject, undefined, 'no name that was not read');
      assert.deepEqual(d.offers, []);
      assert.deepEqual(d.missingPermissions, []);
    });
  }

  it('a code-less "account disabled": no claim that the account is on, and never "resolved"', async () => {
    const d = await run(accountFails(429), aTriage('account-disabled'));
    assert.doesNotMatch(said(d), RECORD_CLAIMS, said(d));
    assert.notEqual(d.status, 'resolved');
    assert.deepEqual(gaps(d), [ACCOUNT_BUSY]);
    assert.equal(d.unanswered, 'busy');
  });

  it('a code-less "locked" the log shows no lock-out for: said from the log, but not "resolved"', async () => {
    const d = await run(accountFails(503), aTriage('account-locked'));
    assert.match(said(d), /The sign-in log shows no lock-out/, said(d));
    assert.notEqual(d.status, 'resolved', 'no green "no problem now" without the account');
    assert.deepEqual(gaps(d), [ACCOUNT_UNREACHED]);
  });

  it('a code-less "password expired": not checked, said in one line, then the latest failure', async () => {
    const tenant = accountFails(
      429,
      new FakeDirectory({ users: [aUser()], signIns: wrongPasswords() }),
    );
    const d = await run(tenant, aTriage('password-expired'));
    assert.match(
      d.latestFailure?.unchecked ?? '',
      /^Could not tell whether the password has expired: Microsoft Graph was too busy to read the account$/,
    );
    assert.equal(d.intent, 'invalid-password', 'the latest failure answers');
    assert.doesNotMatch(said(d), RECORD_CLAIMS, said(d));
    assert.deepEqual(gaps(d), [ACCOUNT_BUSY]);
    assert.equal(d.unanswered, 'busy');
  });

  it('the account and the sign-in log both unanswered: one line each, the explanation stands', async () => {
    const tenant = accountFails(429);
    tenant.findSignIns = failing(429);
    const d = await run(tenant, triage('AADSTS50126'));
    assert.deepEqual(gaps(d), [LOG_BUSY, ACCOUNT_BUSY]);
    assert.ok(said(d).includes(triage('AADSTS50126').entry!.userText));
    assert.equal(d.unanswered, 'busy');
  });

  it('an MFA answer keeps the registered methods', async () => {
    const d = await run(accountFails(504), aTriage('mfa-required-or-failed', { code: 500121 }));
    assert.match(said(d), /No verification method is registered/, said(d));
    assert.deepEqual(gaps(d), [ACCOUNT_UNREACHED]);
    assert.equal(d.unanswered, 'unreachable');
  });

  it('a banned password keeps the rules', async () => {
    const d = await run(accountFails(429), aTriage('password-banned'));
    assert.equal(d.details.view, 'password-policy');
    assert.match(said(d), /banned password list/);
    assert.deepEqual(gaps(d), [ACCOUNT_BUSY]);
  });

  it('a 403 still names the permission, with nothing to check again', async () => {
    const d = await run(accountFails(403), triage('AADSTS50126'));
    assert.deepEqual(d.missingPermissions, ['User.Read.All']);
    assert.equal(d.unanswered, undefined);
    assert.doesNotMatch(said(d), /too busy|could not be reached/);
  });

  it('a user Graph does not have (404) is still "no such account"', async () => {
    const d = await run(new FakeDirectory({ users: [] }), triage('AADSTS50126'), {
      subject: { kind: 'upn', upn: 'nobody@contoso.example' },
      audience: 'helpdesk',
    });
    assert.equal(d.status, 'user-not-found');
    assert.equal(d.unanswered, undefined);
  });

  it('any other refusal still fails the answer', async () => {
    await assert.rejects(run(accountFails(400), triage('AADSTS50126')), { code: 'graph-failed' });
  });
});

describe('diagnosis: an account named in the message whose record Graph does not answer', () => {
  const byUpn = {
    subject: { kind: 'upn' as const, upn: 'alex@contoso.example' },
    audience: 'helpdesk' as const,
  };

  it("gives the error's explanation, the one line and Check again, and reads nothing else", async () => {
    const tenant = accountFails(503);
    let signInReads = 0;
    tenant.findSignIns = () => {
      signInReads += 1;
      return Promise.resolve([]);
    };
    const d = await run(tenant, triage('AADSTS53003'), byUpn);
    assert.ok(said(d).includes(triage('AADSTS53003').entry!.userText), said(d));
    assert.deepEqual(gaps(d), [ACCOUNT_UNREACHED]);
    assert.equal(d.unanswered, 'unreachable');
    assert.equal(d.subject, undefined);
    assert.notEqual(d.status, 'resolved');
    assert.equal(signInReads, 0, 'without the record there is no id to read by');
  });

  it('an account check ("diagnose …") says the account could not be read, not that nothing failed', async () => {
    const d = await run(accountFails(429), accountCheckTriage(), byUpn);
    assert.equal(d.headline, 'The account could not be read just now');
    assert.doesNotMatch(said(d), /No failed sign-in/);
    assert.deepEqual(gaps(d), [ACCOUNT_BUSY]);
    assert.equal(d.unanswered, 'busy');
  });
});

describe("diagnosis: answers whose other reads of the person's records Graph does not answer", () => {
  const line = (names: string, why: 'busy' | 'unreachable') =>
    why === 'busy'
      ? `Microsoft Graph was too busy to read ${names} just now, so this answer goes without`
      : `Microsoft Graph could not be reached just now to read ${names}, so this answer goes without`;
  const startsWith = (d: Diagnosis, prefix: string) =>
    assert.ok(
      gaps(d).length === 1 && gaps(d)[0].startsWith(prefix),
      `${gaps(d).join(' | ')}\nexpected: ${prefix}`,
    );

  it('MFA: the sign-in methods unanswered: no claim about them, no offer built on them', async () => {
    const tenant = new FakeDirectory({ users: [aUser()] });
    tenant.listAuthenticationMethods = failing(429);
    const d = await run(tenant, aTriage('mfa-required-or-failed', { code: 500121 }));
    assert.doesNotMatch(
      said(d),
      /No verification method is registered|Registered sign-in methods|look in order/,
      said(d),
    );
    startsWith(d, line("the account's sign-in methods", 'busy'));
    assert.deepEqual(d.offers, [], 'no pass or phone offered for methods that were not read');
    assert.equal(d.unanswered, 'busy');
    assert.notEqual(d.status, 'resolved');
    assert.deepEqual(d.missingPermissions, []);
  });

  it('MFA: the account and its methods unanswered together: one line names both', async () => {
    const tenant = accountFails(429);
    tenant.listAuthenticationMethods = failing(429);
    const d = await run(tenant, aTriage('mfa-required-or-failed', { code: 500121 }));
    startsWith(d, line("the account and the account's sign-in methods", 'busy'));
    assert.match(gaps(d)[0], /without them; checking again in a few minutes may add them\.$/);
  });

  it('account risk: the risk record unanswered: no "no active risk", the explanation stands', async () => {
    const tenant = new FakeDirectory({ users: [aUser()], riskyUsers: [aRiskyUser()] });
    tenant.getRiskyUser = failing(503);
    const d = await run(tenant, triage('AADSTS53004'), { audience: 'helpdesk' });
    assert.doesNotMatch(said(d), /no active risk|No risk record|User risk is/, said(d));
    startsWith(d, line("the account's risk record", 'unreachable'));
    assert.deepEqual(d.offers, []);
    assert.equal(d.unanswered, 'unreachable');
    assert.notEqual(d.status, 'resolved');
  });

  it('account risk: only the detections unanswered: the risk record still decides', async () => {
    const tenant = new FakeDirectory({ users: [aUser()], riskyUsers: [aRiskyUser()] });
    tenant.listRiskDetections = failing(504);
    const d = await run(tenant, aTriage('risky-user-blocked', { code: 53004 }), {
      audience: 'helpdesk',
    });
    assert.match(said(d), /User risk is high/, said(d));
    startsWith(d, line('what Identity Protection noticed', 'unreachable'));
  });

  it('device compliance: the Intune devices unanswered: no device judged or missing', async () => {
    const tenant = new FakeDirectory({ users: [aUser()], managedDevices: [aManagedDevice()] });
    tenant.listManagedDevices = failing(429);
    const d = await run(tenant, triage('AADSTS53000'));
    assert.doesNotMatch(
      said(d),
      /ALEX-LT-01|Compliant now|not known as managed|no device of this account|may not read Intune/,
      said(d),
    );
    startsWith(d, line("the account's devices", 'busy'));
    assert.notEqual(d.status, 'resolved');
  });

  it('device registration: the registered devices unanswered: none said to be missing', async () => {
    const tenant = new FakeDirectory({ users: [aUser()], devices: [aDevice()] });
    tenant.findRegisteredDevices = failing();
    const d = await run(tenant, triage('AADSTS53001'));
    assert.doesNotMatch(said(d), /not registered|ALEX-HOME-PC|no device/i, said(d));
    startsWith(d, line("the account's devices", 'unreachable'));
  });

  it('Temporary Access Pass: the pass unanswered: neither missing nor usable, and none offered', async () => {
    const tenant = new FakeDirectory({ users: [aUser()] });
    tenant.listTemporaryAccessPasses = failing(503);
    const d = await run(tenant, aTriage('tap-blocked', { code: 130503 }));
    assert.doesNotMatch(said(d), /no pass on this account|looks usable/, said(d));
    assert.equal(d.headline, 'The Temporary Access Pass could not be checked');
    startsWith(d, line("the account's Temporary Access Pass", 'unreachable'));
    assert.deepEqual(d.offers, []);
    assert.notEqual(d.status, 'resolved');
  });

  it('Temporary Access Pass: a 403 on the pass no longer says it looks usable', async () => {
    const d = await run(
      new FakeDirectory({ users: [aUser()] }).revoke('UserAuthMethod-TAP.Read.All'),
      aTriage('tap-blocked', { code: 130503 }),
    );
    assert.deepEqual(d.missingPermissions, ['UserAuthMethod-TAP.Read.All']);
    assert.doesNotMatch(said(d), /looks usable/, said(d));
    assert.notEqual(d.status, 'resolved');
  });

  it('a 403 on the methods still names the permission, with nothing to check again', async () => {
    const d = await run(
      new FakeDirectory({ users: [aUser()] }).revoke('UserAuthenticationMethod.Read.All'),
      aTriage('mfa-required-or-failed', { code: 500121 }),
    );
    assert.deepEqual(d.missingPermissions, ['UserAuthenticationMethod.Read.All']);
    assert.equal(d.unanswered, undefined);
    assert.doesNotMatch(said(d), /too busy|could not be reached|look in order/);
  });
});
