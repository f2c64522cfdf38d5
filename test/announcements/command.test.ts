import assert from 'node:assert/strict';
import { isCalendarDate, parseAnnounceCommand } from '../../src/announcements/command';

const GROUP = '7C0E2B4D-1A3F-4B5C-8D6E-9F0A1B2C3D02';

describe('the announce command', () => {
  it('reads a group announcement with a note', () => {
    assert.deepEqual(
      parseAnnounceCommand(
        `announce number-matching 2026-12-01 group:${GROUP} Questions? Call 1234.`,
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
    const installed = parseAnnounceCommand('Announce Number-Matching 2026-12-01 installed');
    assert.deepEqual(installed.kind === 'draft' && installed.audience, { kind: 'installed' });
    const general = parseAnnounceCommand(
      'announce number-matching 2026-12-01 team:19:abc@thread.tacv2',
    );
    assert.deepEqual(general.kind === 'draft' && general.audience, {
      kind: 'channel',
      teamId: '19:abc@thread.tacv2',
      channelId: '19:abc@thread.tacv2',
    });
    const channel = parseAnnounceCommand(
      'announce number-matching 2026-12-01 team:19:abc@thread.tacv2 channel:19:def@thread.tacv2 hi',
    );
    assert.equal(
      channel.kind === 'draft' && channel.audience.kind === 'channel' && channel.audience.channelId,
      '19:def@thread.tacv2',
    );
    assert.equal(channel.kind === 'draft' && channel.note, 'hi');
  });

  it('reads status, cancel and failures', () => {
    assert.deepEqual(parseAnnounceCommand('announce cancel ann-20261101-0a1b2c3d'), {
      kind: 'cancel',
      announcementId: 'ann-20261101-0a1b2c3d',
    });
    assert.equal(parseAnnounceCommand('announce failures ann-1').kind, 'failures');
    assert.equal(parseAnnounceCommand('announce status ann-1').kind, 'status');
  });

  it('answers with usage and the problem for anything else', () => {
    const cases: [string, RegExp | undefined][] = [
      ['announce', undefined],
      ['announce help', undefined],
      ['announce passwordless 2026-12-01 installed', /unknown announcement/],
      ['announce number-matching 2026-02-30 installed', /real date/],
      ['announce number-matching 1/12/2026 installed', /real date/],
      ['announce number-matching 2026-12-01 group:not-a-guid', /GUID/],
      ['announce number-matching 2026-12-01 everyone', /audience/],
      ['announce number-matching 2026-12-01 team:general', /team id/],
      ['announce cancel', /needs an announcement id/],
      [`announce number-matching 2026-12-01 installed ${'x'.repeat(501)}`, /longer than 500/],
    ];
    for (const [text, problem] of cases) {
      const parsed = parseAnnounceCommand(text);
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
