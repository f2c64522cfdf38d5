import assert from 'node:assert/strict';
import { buildCatalog, loadCatalog } from '../../src/triage/catalog';
import { matchMessage } from '../../src/triage/match-message';
import { normalize } from '../../src/triage/normalize';

const entry = (id: string, intent: string, phrases: string[]) => ({
  id,
  intent,
  phrases,
  userText: 'Plain words for the person who was blocked.',
  helpdeskText: 'What the helpdesk should check first.',
  nextSteps: ['Look at the sign-in log entry.'],
  diagnosis: 'sign-in',
});

describe('matchMessage', () => {
  it('returns the first message, in catalog order, with a phrase in the paste', () => {
    const { messages } = buildCatalog(
      [],
      [
        entry('specific', 'device-noncompliant', ['compliance policy']),
        entry('general', 'ca-blocked', ["you can't get there from here"]),
      ],
    );
    const flat = normalize(
      "You can't get there from here. Only devices that meet compliance policy.",
    ).flat;
    assert.equal(matchMessage(flat, messages)?.id, 'specific');
    assert.equal(
      matchMessage(normalize("You can't get there from here").flat, messages)?.id,
      'general',
    );
    assert.equal(matchMessage(normalize('all good').flat, messages), undefined);
  });

  it('matches phrases written with typographic quotes', () => {
    const { messages } = buildCatalog(
      [],
      [entry('locked', 'account-locked', ['you\u2019ve been locked out'])],
    );
    assert.equal(matchMessage(normalize("You've been locked out").flat, messages)?.id, 'locked');
  });

  it('lets every shipped phrase reach a message of its own intent', () => {
    const { messages } = loadCatalog();
    const shadowed: string[] = [];
    for (const message of messages) {
      for (const phrase of message.phrases) {
        const found = matchMessage(normalize(phrase).flat, messages);
        if (found?.intent !== message.intent)
          shadowed.push(`${message.id}: "${phrase}" -> ${found?.id}`);
      }
    }
    assert.deepEqual(shadowed, []);
  });
});
