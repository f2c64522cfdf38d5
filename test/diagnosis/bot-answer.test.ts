import assert from 'node:assert/strict';
import { answerPaste, checkAgain, PasteStore, type DiagnosisBotDeps } from '../../bot/diagnosis';
import { DiagnosisService } from '../../src/diagnosis/service';
import type { DirectoryReader } from '../../src/diagnosis/ports';
import { AppError } from '../../src/errors';
import type { ActionOffer } from '../../src/remediation/action-kinds';
import type { GroupMembership } from '../../src/ports';
import { triage } from '../../src/triage';
import { executeActions, visibleTexts } from '../cards/support/cases';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { ALEX, NOW, aSignIn, aUser, fixedClock, nextId } from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';

const HELPDESK_GROUP = '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d01';
const AGENT = '33333333-3333-4333-8333-333333333333';
const SAM = '44444444-4444-4444-8444-444444444444';

function membershipOf(members: string[]): GroupMembership & { asked: number } {
  return {
    asked: 0,
    async memberOf(userId, groupIds) {
      this.asked += 1;
      return members.includes(userId) ? groupIds.filter((g) => g === HELPDESK_GROUP) : [];
    },
  };
}

function setup(reader: DirectoryReader, helpdesk: string[] = [AGENT]) {
  const remembered: ActionOffer[] = [];
  const membership = membershipOf(helpdesk);
  const deps: DiagnosisBotDeps = {
    service: new DiagnosisService({ reader, clock: fixedClock }),
    membership,
    helpdeskGroupId: HELPDESK_GROUP,
    pastes: new PasteStore(new MemoryRecordStore(), fixedClock),
    clock: fixedClock,
    offers: { remember: async (offers) => void remembered.push(...offers) },
    newId: () => 'paste-1',
  };
  return { deps, membership, remembered };
}

const tenant = () =>
  new FakeDirectory({
    users: [
      aUser(),
      aUser({
        id: AGENT,
        displayName: 'Helpdesk Agent',
        userPrincipalName: 'agent@contoso.example',
      }),
      aUser({ id: SAM, displayName: 'Sam Member', userPrincipalName: 'sam@contoso.example' }),
    ],
    signIns: [aSignIn()],
  });

const ask = (actorId: string, text: string) => ({ actorId, text, triage: triage(text) });

describe('answering a paste in Teams', () => {
  it("diagnoses the sender's own sign-in without asking about group membership", async () => {
    const { deps, membership } = setup(tenant());
    const card = await answerPaste(
      ask(ALEX, 'AADSTS53003: Access has been blocked by Conditional Access policies.'),
      deps,
    );
    assert.ok(visibleTexts(card).some((t) => t.includes('blocked the sign-in to Microsoft Teams')));
    assert.equal(membership.asked, 0);
  });

  it('refuses, with a plain reason, someone asking about another person', async () => {
    const reader = tenant();
    const { deps } = setup(reader);
    const card = await answerPaste(ask(SAM, '53003 for alex@contoso.example'), deps);
    const texts = visibleTexts(card);
    assert.ok(
      texts.some((t) => t.includes('only look up your own sign-ins')),
      texts.join('\n'),
    );
    assert.equal(reader.calls.length, 0, 'nothing about Alex was read');
  });

  it('asks the channel for the sender\'s UPN only when the paste names an account, and honours "for me"', async () => {
    const { deps, membership } = setup(tenant());
    let lookups = 0;
    const lookUpActorUpn = async () => {
      lookups += 1;
      return 'sam@contoso.example';
    };
    await answerPaste({ ...ask(SAM, 'AADSTS53003 blocked'), lookUpActorUpn }, deps);
    assert.equal(lookups, 0, 'a paste naming nobody needs no UPN');
    const card = await answerPaste(
      { ...ask(SAM, '53003 for sam@contoso.example'), lookUpActorUpn },
      deps,
    );
    assert.equal(lookups, 1);
    assert.equal(membership.asked, 0, 'asking about oneself needs no membership check');
    assert.equal(
      visibleTexts(card).some((t) => t.includes('only look up your own sign-ins')),
      false,
    );
  });

  it('lets a helpdesk member diagnose someone else, showing whose sign-in it is', async () => {
    const { deps, remembered } = setup(tenant());
    const card = await answerPaste(ask(AGENT, 'AADSTS53003 for alex@contoso.example'), deps);
    assert.ok(visibleTexts(card).includes('For Alex Member (alex@contoso.example)'));
    assert.equal(remembered.length, 0, 'the default policy has no exclusion group, so no offers');
  });

  it('keeps a pending paste for "Check again", and the check finds the sign-in once it lands', async () => {
    const reader = tenant();
    const { deps } = setup(reader);
    const correlationId = nextId();
    const text = `AADSTS53003\nCorrelation Id: ${correlationId}`;
    const first = await answerPaste(ask(ALEX, text), deps);
    assert.deepEqual(executeActions(first), [
      { verb: 'triage.check-again', data: { v: 1, triageId: 'paste-1' } },
    ]);
    const stored = await deps.pastes.load('paste-1');
    assert.equal(stored?.actorId, ALEX);
    assert.equal(stored?.firstAskedAt, NOW.toISOString());

    reader.tenant.signIns.push(aSignIn({ correlationId }));
    const second = await checkAgain(ALEX, { v: 1, triageId: 'paste-1' }, deps);
    assert.ok(visibleTexts(second).some((t) => t.includes('blocked the sign-in')));
    assert.deepEqual(executeActions(second), []);
    assert.equal(await deps.pastes.load('paste-1'), undefined, 'a settled paste is forgotten');
  });

  it('lets only the sender or the helpdesk check again', async () => {
    const { deps } = setup(tenant());
    await answerPaste(ask(ALEX, `AADSTS53003\nCorrelation Id: ${nextId()}`), deps);
    const stranger = await checkAgain(SAM, { v: 1, triageId: 'paste-1' }, deps);
    assert.ok(visibleTexts(stranger).some((t) => t.includes('Only the person who pasted')));
    const agent = await checkAgain(AGENT, { v: 1, triageId: 'paste-1' }, deps);
    assert.ok(visibleTexts(agent).some((t) => t.endsWith('sign-in log yet')));
  });

  it('says plainly when a check is no longer available', async () => {
    const { deps } = setup(tenant());
    const card = await checkAgain(ALEX, { v: 1, triageId: 'gone' }, deps);
    assert.ok(visibleTexts(card).some((t) => t.includes('no longer available')));
  });

  const throttled = async (): Promise<never> => {
    throw new AppError('graph-throttled', '429', {
      userMessage: 'Graph is busy.',
      retryAfterSeconds: 40,
    });
  };

  it('turns throttling past the budget into a card that says when to try again', async () => {
    // Whether the asker is on the helpdesk is not a read the answer can stand without.
    const { deps } = setup(tenant());
    deps.membership = { memberOf: throttled };
    const card = await answerPaste(ask(AGENT, 'AADSTS53003 for alex@contoso.example'), deps);
    assert.ok(visibleTexts(card).includes('Please try again in about 40 seconds.'));
  });

  it('keeps the answer when only the Conditional Access policies are throttled, saying so, with Check again', async () => {
    const reader = tenant();
    reader.listConditionalAccessPolicies = throttled;
    const { deps } = setup(reader);
    const card = await answerPaste(ask(ALEX, 'AADSTS53003'), deps);
    const texts = visibleTexts(card);
    assert.ok(!texts.includes('Please try again in about 40 seconds.'));
    assert.ok(
      texts.some((t) =>
        t.startsWith('Microsoft Graph was too busy to read the Conditional Access policies'),
      ),
      texts.join('\n'),
    );
    assert.deepEqual(
      executeActions(card).map((a) => a.verb),
      ['triage.check-again'],
    );
  });

  it('keeps the answer when only the account record is throttled, saying so, with Check again', async () => {
    const reader = tenant();
    reader.getUser = throttled;
    const { deps } = setup(reader);
    const card = await answerPaste(ask(ALEX, 'AADSTS53003'), deps);
    const texts = visibleTexts(card);
    assert.ok(!texts.includes('Please try again in about 40 seconds.'));
    assert.ok(texts.some((t) => t.startsWith('Microsoft Graph was too busy to read the account')));
    assert.deepEqual(
      executeActions(card).map((a) => a.verb),
      ['triage.check-again'],
    );
  });

  it('keeps the answer when only the sign-in log is throttled, saying so, with Check again', async () => {
    const reader = tenant();
    reader.findSignIns = throttled;
    const { deps } = setup(reader);
    const card = await answerPaste(ask(ALEX, 'AADSTS53003'), deps);
    const texts = visibleTexts(card);
    assert.ok(!texts.includes('Please try again in about 40 seconds.'));
    assert.ok(
      texts.some((t) => t.startsWith('Microsoft Graph was too busy to read the sign-in log')),
    );
    assert.deepEqual(
      executeActions(card).map((a) => a.verb),
      ['triage.check-again'],
    );
  });
});
