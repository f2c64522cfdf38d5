import assert from 'node:assert/strict';
import { handoffDiagnosis } from '../../src/handoff/facts';
import { triage } from '../../src/triage';
import { aUser } from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run } from './fakes/run';

/** A code-less paste read from its words alone (a concept cue: an older sign-in method). */
const WORDS_ALONE =
  'Outlook keeps prompting me for my password and will not connect to the mailbox anymore.';
const WITH_CODE = "AADSTS700016: Application with identifier 'x' was not found in the directory.";

describe('diagnosis: the title over the explanation of a reading from words alone', () => {
  it('says what the message seems to describe, not what an error means, when there is no code', async () => {
    const reader = new FakeDirectory({ users: [aUser()], signIns: [] });
    const read = triage(WORDS_ALONE);
    assert.equal(read.matchedBy, 'concept');
    const d = await run(reader, read);
    assert.equal(d.headline, 'What the bot read in the message');
    const titles = d.findings.map((f) => f.title);
    assert.ok(titles.includes('What the message seems to describe'), titles.join(' | '));
    assert.ok(!titles.includes('What the error means'), titles.join(' | '));
    // The line the helpdesk's card shows under the reading the person turned down.
    const [cause] = handoffDiagnosis(d, { headline: d.headline }).causes;
    assert.match(cause ?? '', /^What the message seems to describe: /);
  });

  it('keeps "What the error means" when the paste gave the code', async () => {
    const reader = new FakeDirectory({ users: [aUser()], signIns: [] });
    const d = await run(reader, triage(WITH_CODE));
    const titles = d.findings.map((f) => f.title);
    assert.ok(titles.includes('What the error means'), titles.join(' | '));
    assert.ok(!titles.includes('What the message seems to describe'));
  });
});
