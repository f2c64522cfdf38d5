import assert from 'node:assert/strict';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { diagnosisCardData } from '../../cards/diagnosis/card-data';
import {
  NEVER_EXPIRES_DAYS,
  passwordExpiry,
  upnDomain,
} from '../../src/diagnosis/kinds/account-state';
import type { DomainRecord } from '../../src/diagnosis/ports';
import type { Diagnosis } from '../../src/diagnosis/types';
import { toGraphAppError } from '../../src/graph/errors';
import { aFailure, aTriage, aUser, minutesAgo, NOW } from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

const DAY_MINUTES = 60 * 24;
const daysAgo = (days: number) => minutesAgo(days * DAY_MINUTES);
const domain = (days: number | null): DomainRecord => ({
  id: 'contoso.example',
  isRoot: true,
  passwordValidityPeriodInDays: days,
});
/** eu.contoso.example: a subdomain, whose own value is not the one that applies. */
const subdomain = (days: number | null): DomainRecord => ({
  id: 'eu.contoso.example',
  isRoot: false,
  passwordValidityPeriodInDays: days,
});

describe('password expiry, checked against the domain (injected clock)', () => {
  it('is expired only for a cloud account past its domain validity period', () => {
    const user = aUser({ lastPasswordChangeDateTime: daysAgo(100) });
    const reading = passwordExpiry(user, domain(90), NOW);
    assert.equal(reading.kind, 'expired');
    assert.ok(reading.kind === 'expired');
    assert.equal(reading.endsAt.toISOString(), daysAgo(10));
  });

  it('is not expired inside the period, and says until when', () => {
    const reading = passwordExpiry(
      aUser({ lastPasswordChangeDateTime: daysAgo(56) }),
      domain(90),
      NOW,
    );
    assert.equal(reading.kind, 'valid');
    assert.ok(reading.kind === 'valid');
    assert.equal(reading.endsAt.toISOString(), minutesAgo(-34 * DAY_MINUTES));
  });

  it('never expires when the user policy or the domain says so', () => {
    const old = daysAgo(900);
    const byUser = passwordExpiry(
      aUser({ lastPasswordChangeDateTime: old, passwordPolicies: 'DisablePasswordExpiration' }),
      domain(90),
      NOW,
    );
    assert.deepEqual(byUser, { kind: 'never', by: 'user' });
    const byDomain = passwordExpiry(
      aUser({ lastPasswordChangeDateTime: old }),
      domain(NEVER_EXPIRES_DAYS),
      NOW,
    );
    assert.deepEqual(byDomain, { kind: 'never', by: 'domain', domain: 'contoso.example' });
  });

  it('leaves a synced account to Active Directory, whatever its age', () => {
    const reading = passwordExpiry(
      aUser({ onPremisesSyncEnabled: true, lastPasswordChangeDateTime: daysAgo(400) }),
      domain(90),
      NOW,
    );
    assert.deepEqual(reading, { kind: 'synced' });
  });

  it('cannot tell for an unset period past 90 days, nor without a domain or a change date', () => {
    assert.deepEqual(
      passwordExpiry(aUser({ lastPasswordChangeDateTime: daysAgo(120) }), domain(null), NOW),
      { kind: 'unknown', why: 'unset' },
    );
    assert.equal(
      passwordExpiry(aUser({ lastPasswordChangeDateTime: daysAgo(20) }), domain(null), NOW).kind,
      'valid',
    );
    assert.deepEqual(passwordExpiry(aUser(), undefined, NOW), {
      kind: 'unknown',
      why: 'no-domain',
    });
    assert.deepEqual(passwordExpiry(aUser({ lastPasswordChangeDateTime: null }), domain(90), NOW), {
      kind: 'unknown',
      why: 'no-change-date',
    });
    assert.equal(upnDomain('Alex@Contoso.Example'), 'contoso.example');
  });
});

describe('diagnosis: a code-less "password expired" or "account locked" is checked', () => {
  it('says an expired password as a fact only when the domain period has passed', async () => {
    const reader = new FakeDirectory({
      users: [aUser({ lastPasswordChangeDateTime: daysAgo(100) })],
      domains: [domain(90)],
    });
    const d = await run(reader, aTriage('password-expired'));
    assert.equal(d.status, 'found');
    assert.equal(d.headline, 'The password has expired');
    assert.match(said(d), /passwords in contoso\.example last 90 days/);
    assert.deepEqual(reader.callsTo('getDomain'), [{ op: 'getDomain', arg: 'contoso.example' }]);
  });

  it('says the password has not expired and turns to the latest failed sign-in', async () => {
    const reader = new FakeDirectory({
      users: [aUser({ lastPasswordChangeDateTime: daysAgo(56) })],
      domains: [domain(90)],
      signIns: [aFailure(53003, 30)],
    });
    const d = await run(reader, aTriage('password-expired'));
    assert.deepEqual(d.latestFailure, {
      because: 'no-code',
      headline: d.headline,
      checked: 'The password has not expired',
    });
    assert.equal(d.intent, 'ca-blocked');
    assert.equal(d.findings[0].title, 'The password has not expired');
    assert.match(
      d.findings[0].detail,
      /It was last changed 56 days ago, and passwords in contoso\.example last 90 days, so it stays valid until 18 Feb 2026/,
    );
    assert.doesNotMatch(said(d), /The password has expired/);
  });

  it('without a failed sign-in, says the password has not expired as the answer', async () => {
    const reader = new FakeDirectory({
      users: [aUser({ passwordPolicies: 'DisablePasswordExpiration' })],
    });
    const d = await run(reader, aTriage('password-expired'));
    assert.equal(d.status, 'resolved');
    assert.equal(d.headline, 'The password has not expired');
    assert.match(said(d), /never expires/);
    assert.equal(reader.callsTo('getDomain').length, 0, 'no domain read is needed');
  });

  it('for a synced account, says expiry is kept in Active Directory instead of asserting it', async () => {
    const reader = new FakeDirectory({ users: [aUser({ onPremisesSyncEnabled: true })] });
    const d = await run(reader, aTriage('password-expired'));
    assert.equal(d.status, 'explained');
    assert.match(d.headline, /Active Directory/);
    assert.doesNotMatch(said(d), /The password has expired/);
  });

  it('names Domain.Read.All when the domain cannot be read', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      domains: [domain(90)],
    }).revoke('Domain.Read.All');
    const d = await run(reader, aTriage('password-expired'));
    assert.equal(d.status, 'missing-permission');
    assert.deepEqual(d.missingPermissions, ['Domain.Read.All']);
    assert.match(d.headline, /Could not tell whether the password has expired/);
  });

  it('keeps a pasted 50055 as the sign-in said it, without reading the domain', async () => {
    const reader = new FakeDirectory({ users: [aUser()], domains: [domain(90)] });
    const d = await run(reader, aTriage('password-expired', { code: 50055 }));
    assert.equal(d.headline, 'The password has expired');
    assert.equal(reader.callsTo('getDomain').length, 0);
  });

  it('finds a lock-out in 50053 rows of the recent sign-ins', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      signIns: [aFailure(50053, 10), aFailure(50126, 12)],
    });
    const d = await run(reader, aTriage('account-locked'));
    assert.equal(d.status, 'found');
    assert.match(said(d), /Refused as locked: 1 sign-in/);
  });

  it('says the log shows no lock-out and turns to the latest failure when there is none', async () => {
    const reader = new FakeDirectory({ users: [aUser()], signIns: [aFailure(53003, 10)] });
    const d = await run(reader, aTriage('account-locked'));
    assert.equal(d.latestFailure?.checked, 'The sign-in log shows no lock-out');
    assert.equal(d.findings[0].title, 'The sign-in log shows no lock-out');
    assert.match(d.findings[0].detail, /a few minutes before the log shows it/);
    assert.doesNotMatch(said(d), /locked the account/);
  });
});

describe('diagnosis: a lock-out claimed of a turned-off account', () => {
  it('leads with the account being turned off, beside what the log says of a lock-out', async () => {
    const reader = new FakeDirectory({ users: [aUser({ accountEnabled: false })], signIns: [] });
    const d = await run(reader, aTriage('account-locked'));
    assert.equal(d.status, 'found');
    assert.equal(d.headline, 'The account is turned off');
    assert.match(said(d), /every sign-in is refused, locked or not/);
    assert.match(said(d), /Lock-out: The sign-in log shows no lock-out/);
    assert.doesNotMatch(said(d), /shows no problem/);
  });

  it('a lock-out in the log still leads when the account is on', async () => {
    const reader = new FakeDirectory({
      users: [aUser({ accountEnabled: true })],
      signIns: [aFailure(50053, 10)],
    });
    const d = await run(reader, aTriage('account-locked'));
    assert.equal(d.headline, 'Too many wrong passwords locked the account for a while');
  });
});

describe('diagnosis: a code-less claim the tenant cannot check still turns to the latest failure', () => {
  const banner = (d: Diagnosis) => diagnosisCardData(d, { audience: 'user' }).banner?.text;

  it('synced: says Active Directory decides, then reads the latest failed sign-in', async () => {
    const reader = new FakeDirectory({
      users: [aUser({ onPremisesSyncEnabled: true })],
      signIns: [aFailure(53003, 30)],
    });
    const d = await run(reader, aTriage('password-expired'));
    assert.equal(d.intent, 'ca-blocked');
    assert.deepEqual(d.latestFailure, {
      because: 'no-code',
      headline: d.headline,
      unchecked:
        'Could not tell whether the password has expired: the account comes from on-premises Active Directory, which decides when its password expires',
    });
    assert.equal(d.findings[0].title, 'Password expiry is checked in Active Directory');
    assert.match(
      banner(d) ?? '',
      /^Could not tell whether the password has expired: the account comes from on-premises Active Directory, which decides when its password expires\. Your message had no error code/,
    );
    assert.doesNotMatch(said(d), /The password has expired/);
    assert.equal(reader.callsTo('getDomain').length, 0);
  });

  it('without Domain.Read.All: names the permission and still gives the latest failure', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      domains: [domain(90)],
      signIns: [aFailure(53003, 30)],
    }).revoke('Domain.Read.All');
    const d = await run(reader, aTriage('password-expired'));
    assert.equal(d.intent, 'ca-blocked');
    assert.equal(d.status, 'found');
    assert.ok(d.missingPermissions.includes('Domain.Read.All'));
    assert.equal(
      d.latestFailure?.unchecked,
      "Could not tell whether the password has expired: the bot may not read the domain's password expiry setting",
    );
    assert.ok(d.findings.some((f) => f.kind === 'gap' && /Domain\.Read\.All/.test(f.detail)));
  });

  it("an unknown domain: says the account's domain is not the tenant's, then the latest failure", async () => {
    const reader = new FakeDirectory({ users: [aUser()], signIns: [aFailure(53003, 30)] });
    const d = await run(reader, aTriage('password-expired'));
    assert.equal(d.intent, 'ca-blocked');
    assert.match(d.latestFailure?.unchecked ?? '', /not one of this tenant's domains$/);
  });

  /** A code-less "expired password" while Graph answers the domain read with this failure. */
  const withDomainReadFailing = (status: number, message: string) => {
    const reader = new FakeDirectory({
      users: [aUser()],
      domains: [domain(90)],
      signIns: [aFailure(53003, 30)],
    });
    reader.getDomain = () =>
      Promise.reject(toGraphAppError(new GraphError(status, message), { operation: 'getDomain' }));
    return run(reader, aTriage('password-expired'));
  };

  it('throttled domain read: says Graph was too busy instead of failing the whole answer', async () => {
    const d = await withDomainReadFailing(429, 'Too many requests');
    assert.equal(d.intent, 'ca-blocked');
    assert.match(d.latestFailure?.unchecked ?? '', /Microsoft Graph was too busy/);
    assert.doesNotMatch(said(d), /at Object|Error:|stack/);
  });

  it('Graph out of reach for the domain read: says so in one line instead of failing the answer', async () => {
    const d = await withDomainReadFailing(503, 'Service unavailable');
    assert.equal(d.intent, 'ca-blocked');
    assert.equal(
      d.latestFailure?.unchecked,
      'Could not tell whether the password has expired: Microsoft Graph could not be reached just now',
    );
    assert.match(
      banner(d) ?? '',
      /^Could not tell whether the password has expired: Microsoft Graph could not be reached just now\. Your message had no error code/,
    );
    assert.equal(d.findings[0].title, 'Password expiry not checked');
    assert.doesNotMatch(said(d), /read the sign-in log/, 'the log itself was read');
    assert.equal(d.unanswered, 'unreachable', 'kept when the answer turns to the latest failure');
    assert.doesNotMatch(said(d), /at Object|Error:|stack/);
  });

  it('Graph out of reach for the domain read and then for the look at the latest failure: the first answer stands', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      domains: [domain(90)],
      signIns: [aFailure(53003, 30)],
    });
    const down = (operation: string) =>
      Promise.reject(toGraphAppError(new GraphError(503, 'Service unavailable'), { operation }));
    reader.getDomain = () => down('getDomain');
    // The first read of the log (the account's own look-up) answers; the second, for the latest
    // failure, finds Graph gone.
    const findSignIns = reader.findSignIns.bind(reader);
    let reads = 0;
    reader.findSignIns = (q) => (++reads === 1 ? findSignIns(q) : down('findSignIns'));
    const d = await run(reader, aTriage('password-expired'));
    assert.equal(reads, 2);
    assert.equal(d.headline, 'Could not tell whether the password has expired');
    assert.equal(d.latestFailure, undefined);
    assert.equal(d.findings[0].title, 'Password expiry not checked');
    assert.match(said(d), /Microsoft Graph could not be reached just now to read the sign-in log/);
    assert.equal(d.unanswered, 'unreachable');
    assert.doesNotMatch(said(d), /at Object|Error:|stack/);
  });

  it('without a failed sign-in, keeps the explanation as the answer', async () => {
    const reader = new FakeDirectory({
      users: [aUser({ onPremisesSyncEnabled: true })],
      signIns: [],
    });
    const d = await run(reader, aTriage('password-expired'));
    assert.equal(d.status, 'explained');
    assert.equal(d.latestFailure, undefined);
    assert.match(d.headline, /Active Directory/);
    assert.equal(d.findings[0].title, 'Password expiry is checked in Active Directory');
  });
});

describe("diagnosis: a subdomain's passwords follow its root domain's validity period", () => {
  const inEu = (days: number) =>
    aUser({
      userPrincipalName: 'alex@EU.contoso.example',
      lastPasswordChangeDateTime: daysAgo(days),
    });

  it("reads the exact domain, then its root, and says the root's period applies", async () => {
    const reader = new FakeDirectory({
      users: [inEu(100)],
      domains: [domain(90), subdomain(null)],
    });
    const d = await run(reader, aTriage('password-expired'));
    assert.equal(d.status, 'found');
    assert.equal(d.headline, 'The password has expired');
    assert.match(
      said(d),
      /passwords in eu\.contoso\.example \(which follows its root domain contoso\.example\) last 90 days, so it expired 10 days ago/,
    );
    assert.deepEqual(reader.callsTo('getDomain'), [{ op: 'getDomain', arg: 'eu.contoso.example' }]);
    assert.deepEqual(reader.callsTo('getRootDomain'), [
      { op: 'getRootDomain', arg: 'eu.contoso.example' },
    ]);
  });

  it("a root that never expires wins over the subdomain's own value", () => {
    const reading = passwordExpiry(inEu(400), subdomain(30), NOW, {
      ...domain(NEVER_EXPIRES_DAYS),
    });
    assert.deepEqual(reading, {
      kind: 'never',
      by: 'domain',
      domain: 'eu.contoso.example',
      root: 'contoso.example',
    });
  });

  it('a root domain is read once, with no root read', async () => {
    const reader = new FakeDirectory({
      users: [aUser({ lastPasswordChangeDateTime: daysAgo(100) })],
      domains: [domain(90), subdomain(null)],
    });
    await run(reader, aTriage('password-expired'));
    assert.equal(reader.callsTo('getRootDomain').length, 0);
  });

  it('a subdomain whose root cannot be found cannot be checked, and turns to the latest failure', async () => {
    const reader = new FakeDirectory({
      users: [inEu(100)],
      domains: [subdomain(90)],
      signIns: [aFailure(53003, 30)],
    });
    const d = await run(reader, aTriage('password-expired'));
    assert.equal(d.intent, 'ca-blocked');
    assert.match(d.latestFailure?.unchecked ?? '', /root domain .* could not be found$/);
    assert.doesNotMatch(said(d), /The password has expired/);
  });
});

describe('diagnosis: a code-less "account locked" whose sign-in log cannot be read', () => {
  const rejecting = (status: number) => () =>
    Promise.reject(
      toGraphAppError(new GraphError(status, 'Graph did not answer'), {
        operation: 'findSignIns',
      }),
    );

  it('without AuditLog.Read.All: says in one line what was not checked, and reads the log once', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      signIns: [aFailure(53003, 30)],
    }).revoke('AuditLog.Read.All');
    const d = await run(reader, aTriage('account-locked'));
    assert.equal(d.status, 'missing-permission');
    assert.equal(
      d.headline,
      'Could not tell whether the account is locked: the bot may not read the sign-in log',
    );
    assert.deepEqual(d.missingPermissions, ['AuditLog.Read.All']);
    assert.ok(d.findings.some((f) => f.kind === 'gap' && /AuditLog\.Read\.All/.test(f.detail)));
    assert.equal(d.latestFailure, undefined);
    assert.equal(
      reader.callsTo('findSignIns').length,
      1,
      'no second read of a log it may not read',
    );
    assert.doesNotMatch(said(d), /locked the account/);
  });

  it('throttled: says Graph was too busy to read the log, without turning to the latest failure', async () => {
    const reader = new FakeDirectory({ users: [aUser()], signIns: [aFailure(53003, 30)] });
    let reads = 0;
    reader.findSignIns = () => {
      reads += 1;
      return rejecting(429)();
    };
    const d = await run(reader, aTriage('account-locked'));
    assert.equal(d.status, 'explained');
    assert.equal(
      d.headline,
      'Could not tell whether the account is locked: Microsoft Graph was too busy to read the sign-in log',
    );
    assert.match(said(d), /asking again in a few minutes may tell/);
    assert.equal(d.latestFailure, undefined);
    assert.equal(reads, 1, 'the log is not asked again');
    assert.deepEqual(d.missingPermissions, []);
    assert.doesNotMatch(said(d), /at Object|Error:|stack|locked the account/);
  });

  it('Graph out of reach: says so in one line and keeps the account record', async () => {
    const reader = new FakeDirectory({ users: [aUser()] });
    reader.findSignIns = rejecting(503);
    const d = await run(reader, aTriage('account-locked'));
    assert.equal(d.status, 'explained');
    assert.equal(
      d.headline,
      'Could not tell whether the account is locked: Microsoft Graph could not be reached just now',
    );
    assert.ok(d.findings.some((f) => f.title === 'The account record'));
    assert.equal(d.latestFailure, undefined);
  });

  it('records that Graph did not answer, so the card can offer to check again', async () => {
    const reader = new FakeDirectory({ users: [aUser()] });
    reader.findSignIns = rejecting(429);
    assert.equal((await run(reader, aTriage('account-locked'))).unanswered, 'busy');
    reader.findSignIns = rejecting(503);
    assert.equal((await run(reader, aTriage('account-locked'))).unanswered, 'unreachable');
  });
});

describe('diagnosis: an account answer whose sign-in log Graph does not answer', () => {
  const rejecting = (status: number) => () =>
    Promise.reject(
      toGraphAppError(new GraphError(status, 'Graph did not answer'), {
        operation: 'findSignIns',
      }),
    );
  /** What the client throws when nothing answers at all (no status). */
  const unreachable = () =>
    Promise.reject(toGraphAppError(new TypeError('fetch failed'), { operation: 'findSignIns' }));
  const BUSY_LINE =
    'Microsoft Graph was too busy to read the sign-in log just now, so recent sign-ins are not part of this answer; checking again in a few minutes may add them.';
  const UNREACHED_LINE =
    'Microsoft Graph could not be reached just now to read the sign-in log, so recent sign-ins are not part of this answer; checking again in a few minutes may add them.';
  const gaps = (d: Diagnosis) => d.findings.filter((f) => f.kind === 'gap').map((f) => f.detail);

  it('a pasted 50053 out of reach: the lock-out explained, the account record, and one line', async () => {
    const reader = new FakeDirectory({ users: [aUser()] });
    reader.findSignIns = rejecting(503);
    const d = await run(reader, aTriage('account-locked', { code: 50053 }));
    assert.equal(d.status, 'found');
    assert.equal(d.headline, 'Too many wrong passwords locked the account for a while');
    assert.ok(d.findings.some((f) => f.title === 'The account record'));
    assert.deepEqual(gaps(d), [UNREACHED_LINE]);
    assert.equal(d.unanswered, 'unreachable');
    assert.deepEqual(d.missingPermissions, []);
    assert.doesNotMatch(said(d), /at Object|Error:|stack/);
  });

  it('a code-less "disabled" while Graph is too busy: the account record decides, one line says the log was not read', async () => {
    const reader = new FakeDirectory({ users: [aUser({ accountEnabled: false })] });
    let reads = 0;
    reader.findSignIns = () => {
      reads += 1;
      return rejecting(429)();
    };
    const d = await run(reader, aTriage('account-disabled'));
    assert.equal(d.headline, 'The account is turned off');
    assert.deepEqual(gaps(d), [BUSY_LINE]);
    assert.equal(d.unanswered, 'busy');
    assert.equal(reads, 1, 'the log is not asked again for the latest failure');
  });

  it('an enabled account whose log is out of reach says it is on, and does not look for the latest failure', async () => {
    const reader = new FakeDirectory({ users: [aUser()] });
    let reads = 0;
    reader.findSignIns = () => {
      reads += 1;
      return unreachable();
    };
    const d = await run(reader, aTriage('account-disabled'));
    assert.equal(d.status, 'resolved');
    assert.equal(d.headline, 'The account is turned on now');
    assert.deepEqual(gaps(d), [UNREACHED_LINE]);
    assert.equal(d.latestFailure, undefined);
    assert.equal(reads, 1);
  });

  it('a pasted 50126 or 50057 with an id keeps its explanation and says the log could not be read', async () => {
    const reader = new FakeDirectory({ users: [aUser()] });
    reader.findSignIns = rejecting(429);
    const wrong = await run(reader, aTriage('invalid-password', { code: 50126 }));
    assert.equal(wrong.headline, 'The password typed does not match');
    assert.deepEqual(gaps(wrong), [BUSY_LINE]);
    const disabled = await run(
      reader,
      aTriage('account-disabled', {
        code: 50057,
        fields: { requestId: '0f5e2c1a-1111-4222-8333-444455556666' },
      }),
    );
    assert.deepEqual(gaps(disabled), [BUSY_LINE]);
    assert.equal(disabled.pasted, undefined, 'no claim that the id is missing from the log');
  });

  it('a code-less "expired" checks the domain all the same, with the log line', async () => {
    const reader = new FakeDirectory({
      users: [aUser({ lastPasswordChangeDateTime: daysAgo(100) })],
      domains: [domain(90)],
    });
    reader.findSignIns = rejecting(503);
    const d = await run(reader, aTriage('password-expired'));
    assert.equal(d.headline, 'The password has expired');
    assert.deepEqual(gaps(d), [UNREACHED_LINE]);
  });

  it('a 403 stays a named permission, and any other refusal still fails the answer', async () => {
    const forbidden = new FakeDirectory({ users: [aUser()] }).revoke('AuditLog.Read.All');
    const d = await run(forbidden, aTriage('account-locked', { code: 50053 }));
    assert.deepEqual(d.missingPermissions, ['AuditLog.Read.All']);
    assert.equal(d.unanswered, undefined);
    const refused = new FakeDirectory({ users: [aUser()] });
    refused.findSignIns = rejecting(400);
    await assert.rejects(run(refused, aTriage('account-locked', { code: 50053 })), {
      code: 'graph-failed',
    });
  });
});
