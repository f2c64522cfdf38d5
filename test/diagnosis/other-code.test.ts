import assert from 'node:assert/strict';
import { diagnosisCardData } from '../../cards/diagnosis/card-data';
import { aSignIn, aTriage, aUser, minutesAgo } from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

const failed = (code: number, minutes: number) =>
  aSignIn({
    createdDateTime: minutesAgo(minutes),
    conditionalAccessStatus: code === 53003 ? 'failure' : 'notApplied',
    appliedConditionalAccessPolicies: [],
    status: { errorCode: code, failureReason: null, additionalDetails: null },
  });

describe('diagnosis: a pasted Conditional Access code that no recent failure carries', () => {
  it('answers the latest failure by its own code, and says the pasted one was not found', async () => {
    const reader = new FakeDirectory({ users: [aUser()], signIns: [failed(50053, 30)] });
    const d = await run(reader, aTriage('ca-blocked', { code: 53003 }), {
      firstAskedAt: new Date(Date.parse(minutesAgo(60))),
    });
    assert.equal(d.intent, 'account-locked');
    assert.deepEqual(d.latestFailure, {
      because: 'other-code',
      headline: d.headline,
      pastedCode: 53003,
    });
    assert.match(said(d), /What AADSTS53003 means/);
    assert.equal(d.checkAgain, false, 'asked an hour ago: the log has had time');
    const card = diagnosisCardData(d, { audience: 'user' } as never);
    assert.equal(card.code, 'AADSTS50053', 'the card is headed by the code it answers');
    assert.match(card.banner?.text ?? '', /^None of your sign-ins failed with AADSTS53003/);
    const helpdesk = diagnosisCardData(d, { audience: 'helpdesk' } as never);
    assert.match(
      helpdesk.banner?.text ?? '',
      /^No sign-in of this account failed with AADSTS53003/,
    );
  });

  it('offers Check again while a failure with the pasted code may still be on its way', async () => {
    const reader = new FakeDirectory({ users: [aUser()], signIns: [failed(50053, 30)] });
    const d = await run(reader, aTriage('ca-blocked', { code: 53003 }));
    assert.equal(d.latestFailure?.because, 'other-code');
    assert.equal(d.checkAgain, true);
  });

  it('keeps the answer when the pasted code is there, or the answer stands without the sign-in', async () => {
    const found = await run(
      new FakeDirectory({ users: [aUser()], signIns: [failed(50053, 10), failed(53003, 30)] }),
      aTriage('ca-blocked', { code: 53003 }),
    );
    assert.equal(found.latestFailure, undefined);
    assert.equal(found.intent, 'ca-blocked');
    // A lock-out is read from the account itself, whatever the newest failure was.
    const locked = await run(
      new FakeDirectory({ users: [aUser()], signIns: [failed(53003, 30)] }),
      aTriage('account-locked', { code: 50053 }),
    );
    assert.notEqual(locked.latestFailure?.because, 'other-code');
    assert.equal(locked.intent, 'account-locked');
  });
});
