import assert from 'node:assert/strict';
import { aSignIn, aTriage, aUser, minutesAgo } from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

const failed = (code: number, minutes: number, ip: string) =>
  aSignIn({
    createdDateTime: minutesAgo(minutes),
    ipAddress: ip,
    conditionalAccessStatus: code === 53003 ? 'failure' : 'notApplied',
    appliedConditionalAccessPolicies: [],
    status: { errorCode: code, failureReason: null, additionalDetails: null },
  });

describe('diagnosis: a password answer counts and shows only failures the account explains', () => {
  it('"forgot my password" with only Conditional Access blocks in the log: no attempts, no sign-in', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      signIns: [failed(53003, 10, '203.0.113.45'), failed(53003, 20, '198.51.100.7')],
    });
    const d = await run(reader, aTriage('invalid-password'));
    assert.equal(d.headline, 'The password typed does not match');
    assert.doesNotMatch(said(d), /failed attempt/);
    assert.equal(d.signIn, undefined, 'a blocked country is not the password sign-in');
  });

  it('wrong passwords in the log: counted, from their addresses, and the newest shown', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      signIns: [
        failed(53003, 5, '203.0.113.45'),
        failed(50126, 10, '192.0.2.10'),
        failed(50126, 15, '192.0.2.10'),
      ],
    });
    const d = await run(reader, aTriage('invalid-password'));
    assert.match(said(d), /2 failed attempts in the last day/);
    assert.doesNotMatch(said(d), /203\.0\.113\.45/);
    assert.equal(d.signIn?.record.status.errorCode, 50126);
  });
});
