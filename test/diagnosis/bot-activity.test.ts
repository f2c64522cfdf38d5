import assert from 'node:assert/strict';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { PasteStore, diagnosisActivity, type DiagnosisBotDeps } from '../../bot/diagnosis';
import { DiagnosisService } from '../../src/diagnosis/service';
import { triage } from '../../src/triage';
import { visibleTexts } from '../cards/support/cases';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { ALEX, aSignIn, aUser, fixedClock } from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';

function contextFor(from: Partial<Activity['from']>, text: string): TurnContext {
  return new TurnContext(new TestAdapter(), {
    type: 'message',
    text,
    from: { id: '29:teams-user', name: 'Alex', ...from },
    conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' },
    recipient: { id: '28:bot', name: 'bot' },
    channelId: 'msteams',
    serviceUrl: 'https://smba.example/',
  } as Partial<Activity>);
}

describe('diagnosis activity for a Teams message', () => {
  const deps: DiagnosisBotDeps = {
    service: new DiagnosisService({
      reader: new FakeDirectory({ users: [aUser()], signIns: [aSignIn()] }),
      clock: fixedClock,
    }),
    membership: { memberOf: async () => [] },
    pastes: new PasteStore(new MemoryRecordStore(), fixedClock),
    clock: fixedClock,
  };

  it('answers with one Adaptive Card about the sender, found by their Entra object id', async () => {
    const text = 'AADSTS53003: Access has been blocked by Conditional Access policies.';
    const activity = await diagnosisActivity(
      contextFor({ aadObjectId: ALEX }, text),
      triage(text),
      deps,
    );
    const attachments = activity?.attachments ?? [];
    assert.equal(attachments.length, 1);
    assert.equal(attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
    assert.ok(visibleTexts(attachments[0].content).some((t) => t.includes('blocked the sign-in')));
  });

  it('leaves the answer to triage when the sender has no Entra identity', async () => {
    const text = 'AADSTS53003';
    assert.equal(await diagnosisActivity(contextFor({}, text), triage(text), deps), undefined);
  });
});
