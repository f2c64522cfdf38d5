import assert from 'node:assert/strict';
import {
  CARD_SCHEMA,
  MAX_CARD_BYTES,
  cardSizeBytes,
  errorTemplate,
  parseActionData,
  render,
  sampleTriage,
  triageCardData,
  triageExplainTemplate,
  welcomeTemplate,
  type TriageCardData,
} from '../../cards';
import { errorCardData } from '../../cards/common/error';
import { AppError } from '../../src/errors';
import type { Triage } from '../../src/triage/types';
import { USER_STEPS } from '../../cards/triage/user-steps';
import {
  CARD_CASES,
  adaptiveCardsProblems,
  adaptiveCardsRoundTrip,
  executeActions,
  visibleTexts,
} from './support/cases';

describe('card templates', () => {
  for (const c of CARD_CASES) {
    describe(c.name, () => {
      it('renders its sample with no expression left, as a 1.5 card', () => {
        const card = c.render();
        const text = JSON.stringify(card);
        assert.ok(!text.includes('${'), text);
        assert.equal(card.version, '1.5');
        assert.equal(card.$schema, CARD_SCHEMA);
        for (const key of c.keyTexts) {
          assert.ok(
            visibleTexts(card).some((t) => t.includes(key)),
            `missing "${key}"`,
          );
        }
      });

      it('parses with the Adaptive Cards SDK with no warning or error', () => {
        assert.deepEqual(adaptiveCardsProblems(c.render()), []);
      });

      it('uses only properties the SDK knows (nothing is lost reading it back)', () => {
        const card = c.render();
        assert.deepEqual(adaptiveCardsRoundTrip(card), card);
      });

      it('fits the Teams message size budget', () => {
        assert.ok(cardSizeBytes(c.render()) <= MAX_CARD_BYTES);
      });

      it('carries only well-formed button data', () => {
        for (const action of executeActions(c.render())) {
          assert.equal(typeof action.verb, 'string');
          assert.doesNotThrow(() => parseActionData(String(action.verb), action.data));
        }
      });
    });
  }
});

describe('welcome card', () => {
  it('greets by name when the name is known, and shows helpdesk commands only when asked', () => {
    const named = render(welcomeTemplate, { givenName: 'Member', showHelpdeskCommands: false });
    const texts = visibleTexts(named);
    assert.ok(texts.some((t) => t.startsWith('Hi Member.')));
    assert.ok(!texts.includes('diagnose'));
    const anonymous = visibleTexts(render(welcomeTemplate, { showHelpdeskCommands: true }));
    assert.ok(!anonymous.some((t) => t.startsWith('Hi ')));
    assert.ok(anonymous.includes('diagnose name@contoso.com'));
  });

  it('gives an admin outside the helpdesk the announce commands alone', () => {
    const admin = visibleTexts(
      render(welcomeTemplate, { showHelpdeskCommands: false, showAnnounceCommands: true }),
    );
    assert.ok(admin.includes('For admins'));
    assert.ok(admin.includes('announce status ID'));
    assert.ok(!admin.includes('recent actions') && !admin.includes('For the helpdesk'));
    const member = visibleTexts(render(welcomeTemplate, { showHelpdeskCommands: false }));
    assert.ok(!member.some((t) => t.startsWith('announce')));
  });
});

describe('error card', () => {
  it('shows reference and retry hint only when present', () => {
    const bare = visibleTexts(
      render(errorTemplate, { title: 'Failed', message: 'It did not work.' }),
    );
    assert.deepEqual(bare, ['Failed', 'It did not work.']);
  });

  it('is built from a typed error without its internal message', () => {
    const error = new AppError('graph-throttled', 'GET /auditLogs/signIns 429 after 3 tries', {
      userMessage: 'The directory asked the bot to slow down.',
      requestId: 'req-7f3e',
      retryAfterSeconds: 120,
    });
    const data = errorCardData(error);
    assert.deepEqual(data, {
      title: 'The directory is busy',
      message: 'The directory asked the bot to slow down.',
      reference: 'req-7f3e',
      retryHint: 'Please try again in about 2 minutes.',
    });
    const text = JSON.stringify(render(errorTemplate, data));
    assert.ok(!text.includes('auditLogs'), 'internal message leaked into the card');
  });

  it('names the missing permission for a 403', () => {
    const error = new AppError('graph-forbidden', 'forbidden', {
      userMessage: 'The bot may not read sign-in logs.',
      missingPermission: 'AuditLog.Read.All',
    });
    assert.match(errorCardData(error).retryHint ?? '', /AuditLog\.Read\.All/);
  });
});

describe('triageCardData', () => {
  const user = { audience: 'user' } as const;

  it('gives the deciding code first and lists the others', () => {
    const data = triageCardData(sampleTriage, user);
    assert.equal(data.code, 'AADSTS53003');
    assert.equal(data.otherCodes, 'AADSTS50158');
    assert.equal(data.meaning, sampleTriage.entry?.userText);
  });

  it('gives the blocked person steps they can take, and the helpdesk the catalog steps', () => {
    const forUser = triageCardData(sampleTriage, user).nextSteps.map((s) => s.step);
    const forHelpdesk = triageCardData(sampleTriage, { audience: 'helpdesk' }).nextSteps.map(
      (s) => s.step,
    );
    assert.deepEqual(forUser, USER_STEPS['ca-blocked']);
    assert.deepEqual(forHelpdesk, sampleTriage.entry?.nextSteps);
    assert.notDeepEqual(forUser, forHelpdesk);
  });

  it('lists only the fields the paste carried, in a fixed order', () => {
    const triage: Triage = {
      ...sampleTriage,
      fields: { ip: '198.51.100.7', correlationId: 'c0ffee00-0000-4000-8000-000000000001' },
    };
    assert.deepEqual(triageCardData(triage, user).facts, [
      { title: 'Correlation ID', value: 'c0ffee00-0000-4000-8000-000000000001' },
      { title: 'IP address', value: '198.51.100.7' },
    ]);
  });

  it('hides the details section when the paste carried no field', () => {
    const data = triageCardData({ ...sampleTriage, fields: {} }, user);
    const texts = visibleTexts(render(triageExplainTemplate, data));
    assert.ok(!texts.includes('Details found in your message'));
  });

  it('offers the helpdesk button only when asked and with a triage id, carrying only that id', () => {
    const without = render(triageExplainTemplate, triageCardData(sampleTriage, user));
    assert.deepEqual(executeActions(without), []);
    assert.equal(without.actions, undefined);
    const noId = triageCardData(sampleTriage, { ...user, offerHelpdeskRequest: true });
    assert.equal(noId.askHelpdesk, undefined);

    const data = triageCardData(sampleTriage, {
      ...user,
      triageId: 'tri-42',
      offerHelpdeskRequest: true,
    });
    const actions = executeActions(render(triageExplainTemplate, data));
    assert.deepEqual(actions, [{ verb: 'helpdesk.ask', data: { v: 1, triageId: 'tri-42' } }]);
  });

  it('adds the helpdesk note for helpdesk readers only', () => {
    assert.equal(triageCardData(sampleTriage, user).helpdeskNote, undefined);
    const data = triageCardData(sampleTriage, { audience: 'helpdesk' });
    assert.equal(data.helpdeskNote, sampleTriage.entry?.helpdeskText);
    assert.ok(visibleTexts(render(triageExplainTemplate, data)).includes('For the helpdesk'));
  });

  it('shows the truncation note only for a cut paste', () => {
    const note = 'only its first part was read';
    const cut = visibleTexts(render(triageExplainTemplate, triageCardData(sampleTriage, user)));
    assert.ok(cut.some((t) => t.includes(note)));
    const whole = triageCardData({ ...sampleTriage, truncated: false }, user);
    assert.ok(!visibleTexts(render(triageExplainTemplate, whole)).some((t) => t.includes(note)));
  });

  it('explains a code-less message match without inventing a code', () => {
    const triage: Triage = {
      intent: 'account-locked',
      codes: [],
      fields: {},
      message: {
        id: 'account-locked',
        intent: 'account-locked',
        phrases: ['your account is locked'],
        userText: 'Too many wrong passwords were tried, so the account is locked for a while.',
        helpdeskText:
          'Smart lockout tripped; check the sign-in log for the source of the attempts.',
        nextSteps: ['Wait fifteen minutes, then sign in once, carefully.'],
        diagnosis: 'user-account',
        relatedCode: 50053,
      },
      confidence: 0.8,
      truncated: false,
    };
    const data = triageCardData(triage, user);
    assert.equal(data.code, undefined);
    assert.equal(data.title, 'Your account is locked for now');
    const texts = visibleTexts(render(triageExplainTemplate, data));
    assert.ok(!texts.some((t) => t.includes('AADSTS')));
  });

  it('says plainly when a code is not in the catalog', () => {
    const triage: Triage = {
      intent: 'other-known',
      code: 999999,
      codes: [999999],
      fields: {},
      confidence: 0.3,
      truncated: false,
    };
    const data = triageCardData(triage, user);
    assert.equal(data.code, 'AADSTS999999');
    assert.match(data.meaning, /does not know yet/);
    assert.ok(data.nextSteps.length > 0);
    assert.deepEqual(adaptiveCardsProblems(render(triageExplainTemplate, data)), []);
  });

  it('refuses the unrelated intent, which has its own card', () => {
    const triage: Triage = {
      intent: 'unrelated',
      codes: [],
      fields: {},
      confidence: 0,
      truncated: false,
    };
    assert.throws(() => triageCardData(triage, user), /unrelated card/);
  });

  it('strips link and markup brackets from pasted values and caps their length', () => {
    const triage: Triage = {
      ...sampleTriage,
      fields: {
        appName: '[Reset your password](https://phish.example) <b>now</b>',
        deviceState: 'x'.repeat(500),
      },
    };
    const facts = triageCardData(triage, user).facts;
    const app = facts.find((f) => f.title === 'App')?.value ?? '';
    assert.ok(!/[[\]<>]/.test(app), app);
    const state = facts.find((f) => f.title === 'Device state')?.value ?? '';
    assert.ok(state.length <= 200, `length ${state.length}`);
  });

  it('renders a paste that contains template syntax as typed, without failing', () => {
    const triage: Triage = { ...sampleTriage, fields: { appName: 'App ${title} {{DATE(x)}}' } };
    const data: TriageCardData = triageCardData(triage, user);
    const card = render(triageExplainTemplate, data);
    const app = visibleTexts(card).find((t) => t.startsWith('App '));
    assert.equal(app?.replace(/\u200B/g, ''), 'App ${title} {{DATE(x)}}');
  });
});
