import assert from 'node:assert/strict';
import { isCalendarDate, parseAnnounceCommand } from '../../src/announcements/command';

const GROUP = '7C0E2B4D-1A3F-4B5C-8D6E-9F0A1B2C3D02';
/** The injected clock's instant: relative days count from it. */
const NOW = new Date('2026-11-20T22:30:00Z');

describe('the announce command', () => {
  it('reads a group announcement with a note', () => {
    assert.deepEqual(
      parseAnnounceCommand(
        `announce number-matching 2026-12-01 group:${GROUP} Questions? Call 1234.`,
        NOW,
      ),
      {
        kind: 'draft',
        template: 'number-matching',
        activationDate: '2026-12-01',
        audience: { kind: 'group', groupId: GROUP.toLowerCase() },
        note: 'Questions? Call 1234.',
      },
    );
  });

  it('reads the installed and channel audiences', () => {
    const installed = parseAnnounceCommand('Announce Number-Matching 2026-12-01 installed', NOW);
    assert.deepEqual(installed.kind === 'draft' && installed.audience, { kind: 'installed' });
    const general = parseAnnounceCommand(
      'announce number-matching 2026-12-01 team:19:abc@thread.tacv2',
      NOW,
    );
    assert.deepEqual(general.kind === 'draft' && general.audience, {
      kind: 'channel',
      teamId: '19:abc@thread.tacv2',
      channelId: '19:abc@thread.tacv2',
    });
    const channel = parseAnnounceCommand(
      'announce number-matching 2026-12-01 team:19:abc@thread.tacv2 channel:19:def@thread.tacv2 hi',
      NOW,
    );
    assert.equal(
      channel.kind === 'draft' && channel.audience.kind === 'channel' && channel.audience.channelId,
      '19:def@thread.tacv2',
    );
    assert.equal(channel.kind === 'draft' && channel.note, 'hi');
  });

  it('reads the activation day relative to the clock, so an example never expires', () => {
    const cases: [string, string][] = [
      ['today', '2026-11-20'],
      ['tomorrow', '2026-11-21'],
      ['in 7 days', '2026-11-27'],
      ['in 1 day', '2026-11-21'],
      ['in 2 weeks', '2026-12-04'],
      ['7d', '2026-11-27'],
      ['+10d', '2026-11-30'],
      ['2w', '2026-12-04'],
      ['in 45 days', '2027-01-04'],
    ];
    for (const [when, date] of cases) {
      const parsed = parseAnnounceCommand(`announce number-matching ${when} installed hello`, NOW);
      assert.equal(parsed.kind === 'draft' && parsed.activationDate, date, when);
      assert.equal(parsed.kind === 'draft' && parsed.note, 'hello', when);
    }
    const later = parseAnnounceCommand(
      'announce number-matching in 7 days installed',
      new Date('2028-02-25T00:00:00Z'),
    );
    assert.equal(later.kind === 'draft' && later.activationDate, '2028-03-03');
  });

  it('takes the template as people type it: in two words, with an underscore or run together', () => {
    for (const spelled of ['number matching', 'Number_Matching', 'numbermatching']) {
      const command = parseAnnounceCommand(`announce ${spelled} 2026-12-01 installed note`, NOW);
      assert.equal(command.kind, 'draft', spelled);
      assert.equal(command.kind === 'draft' && command.template, 'number-matching', spelled);
      assert.equal(command.kind === 'draft' && command.note, 'note', spelled);
    }
    const missingDay = parseAnnounceCommand('announce number matching', NOW);
    assert.match(
      missingDay.kind === 'usage' ? (missingDay.problem ?? '') : '',
      /activation day/,
      'two words reach the day check, not "unknown announcement"',
    );
    const other = parseAnnounceCommand('announce number 2026-12-01 installed', NOW);
    assert.match(other.kind === 'usage' ? (other.problem ?? '') : '', /unknown announcement/);
  });

  it('reads status, cancel and failures', () => {
    assert.deepEqual(parseAnnounceCommand('announce cancel ann-20261101-0a1b2c3d', NOW), {
      kind: 'cancel',
      announcementId: 'ann-20261101-0a1b2c3d',
    });
    assert.equal(parseAnnounceCommand('announce failures ann-1', NOW).kind, 'failures');
    assert.equal(parseAnnounceCommand('announce status ann-1', NOW).kind, 'status');
  });

  it('answers with usage and the problem for anything else', () => {
    const cases: [string, RegExp | undefined][] = [
      ['announce', undefined],
      ['announce help', undefined],
      ['announce passwordless 2026-12-01 installed', /unknown announcement/],
      ['announce number-matching 2026-02-30 installed', /real date/],
      ['announce number-matching 1/12/2026 installed', /real date/],
      ['announce number-matching in seven days installed', /real date/],
      ['announce number-matching in 7 fortnights installed', /real date/],
      ['announce number-matching 2026-12-01 group:not-a-guid', /GUID/],
      ['announce number-matching 2026-12-01 everyone', /audience/],
      ['announce number-matching 2026-12-01 team:general', /team id/],
      ['announce cancel', /needs an announcement id/],
      [`announce number-matching 2026-12-01 installed ${'x'.repeat(501)}`, /longer than 500/],
    ];
    for (const [text, problem] of cases) {
      const parsed = parseAnnounceCommand(text, NOW);
      assert.equal(parsed.kind, 'usage', text);
      if (problem)
        assert.match(parsed.kind === 'usage' ? (parsed.problem ?? '') : '', problem, text);
      else assert.equal(parsed.kind === 'usage' && parsed.problem, undefined, text);
    }
  });

  it('knows real calendar dates', () => {
    assert.ok(isCalendarDate('2028-02-29'));
    assert.ok(!isCalendarDate('2027-02-29'));
    assert.ok(!isCalendarDate('2026-13-01'));
  });
});
