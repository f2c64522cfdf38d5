import assert from 'node:assert/strict';
import { parseActionData, render, MAX_CARD_BYTES, cardSizeBytes } from '../../cards';
import {
  helpdeskNoticeCardData,
  helpdeskNoticeTemplate,
  numberMatchingSample,
  numberMatchingTemplate,
  previewCardData,
  previewTemplate,
  progressCardData,
  progressTemplate,
  promptAdviceTemplate,
  promptAdviceView,
} from '../../cards/announcements';
import { progressView } from '../../src/announcements/progress';
import { emptyCounts, type AnnouncementRecord } from '../../src/announcements/types';

type Json = Record<string, unknown>;

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node !== null && typeof node === 'object') {
    visit(node as Json);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

function texts(card: object): string {
  const out: string[] = [];
  walk(card, (n) => {
    for (const key of ['text', 'title', 'value'])
      if (typeof n[key] === 'string') out.push(n[key] as string);
  });
  return out.join('\n');
}

function actions(card: object): Json[] {
  return ((card as { actions?: Json[] }).actions ?? []).filter((a) => a.type === 'Action.Execute');
}

const announcement: AnnouncementRecord = {
  id: 'ann-20261101-0a1b2c3d',
  template: 'number-matching',
  activationDate: '2026-12-01',
  audience: { kind: 'group', groupId: '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d02' },
  audienceLabel: 'Members of All Staff (nested groups included)',
  previewSize: 12_345,
  author: { objectId: 'a', name: 'Helpdesk agent' },
  state: 'draft',
  createdAt: '2026-11-01T08:00:00.000Z',
  expanded: false,
  total: 0,
};

describe('announcement cards', () => {
  it('the number-matching notice explains the change and reports with ids only', () => {
    const card = render(numberMatchingTemplate, numberMatchingSample);
    assert.equal(card.version, '1.5');
    const text = texts(card);
    assert.match(text, /From 1 December 2026/);
    assert.match(text, /type that number into the Authenticator/i);
    assert.match(text, /name of the app/);
    assert.match(text, /only approximate/);
    assert.match(text, /Deny/);
    assert.match(text, /Questions\? Reply here/, 'the note is shown');
    const [report] = actions(card);
    assert.equal(report.title, 'I got a prompt I did not start');
    assert.equal(report.verb, 'announce.report-prompt');
    assert.deepEqual(parseActionData('announce.report-prompt', report.data), {
      v: 1,
      announcementId: numberMatchingSample.announcementId,
    });
    const { note: _note, ...withoutNote } = numberMatchingSample;
    assert.doesNotMatch(texts(render(numberMatchingTemplate, withoutNote)), /Note from/);
  });

  it('the preview shows audience size, tenant settings and a warning where they disagree', () => {
    const card = render(
      previewTemplate,
      previewCardData(
        announcement,
        { state: 'enabled', numberMatching: 'enabled', appName: 'enabled', location: 'default' },
        undefined,
      ),
    );
    const text = texts(card);
    assert.match(text, /12,345 people/);
    assert.match(text, /All Staff/);
    assert.match(text, /1 December 2026/);
    assert.match(text, /Number matching[\s\S]*Required for every push prompt/);
    assert.match(text, /Map in prompt[\s\S]*Microsoft-managed/);
    assert.match(text, /does not switch on the map explicitly/);
    const [confirm, cancel] = actions(card);
    assert.equal(confirm.verb, 'announce.confirm');
    assert.equal(confirm.title, 'Send to 12,345 people');
    assert.equal(cancel.verb, 'announce.cancel');
    assert.deepEqual(parseActionData('announce.confirm', confirm.data), {
      v: 1,
      announcementId: announcement.id,
    });
  });

  it('the preview says so when the settings could not be read', () => {
    const card = render(
      previewTemplate,
      previewCardData(announcement, undefined, 'The bot is missing Policy.Read.All.'),
    );
    assert.match(texts(card), /missing Policy\.Read\.All/);
    assert.doesNotMatch(texts(card), /Map in prompt/);
  });

  it('progress shows counts, rate and time left, and offers to stop while sending', () => {
    const counts = { ...emptyCounts(), sent: 1_200, failed: 3, unreachable: 7, queued: 790 };
    const view = progressView({
      counts,
      total: 2_000,
      inDoubt: 0,
      ratePerSecond: 29.4,
      startedAt: '2026-11-01T08:00:00Z',
      finished: false,
    });
    const card = render(
      progressTemplate,
      progressCardData(
        { ...announcement, state: 'sending' },
        view,
        new Date('2026-11-01T08:01:00Z'),
      ),
    );
    const text = texts(card);
    assert.match(text, /Sending/);
    assert.match(text, /1,200 of 2,000 sent so far/);
    assert.match(text, /Remaining[\s\S]*790/);
    assert.match(text, /29\.4 per second/);
    assert.match(text, /about 27 s/);
    assert.equal(actions(card)[0]?.verb, 'announce.cancel');
  });

  it('the final report points to the failures and says who may have it twice', () => {
    const counts = { ...emptyCounts(), sent: 1_990, failed: 3, unreachable: 7 };
    const view = progressView({
      counts,
      total: 2_000,
      inDoubt: 2,
      ratePerSecond: 0,
      startedAt: '2026-11-01T08:00:00Z',
      finished: true,
    });
    const card = render(
      progressTemplate,
      progressCardData(
        { ...announcement, state: 'completed' },
        view,
        new Date('2026-11-01T08:20:00Z'),
      ),
    );
    const text = texts(card);
    assert.match(text, /Final report/);
    assert.match(text, /10 did not get it/);
    assert.match(text, /announce failures ann-20261101-0a1b2c3d/);
    assert.match(text, /May have it twice[\s\S]*2/);
    assert.match(text, /Took[\s\S]*20 min/);
    assert.equal(actions(card).length, 0, 'nothing left to stop');
  });

  it('the advice tells the user what to do, and the helpdesk notice who and when', () => {
    const advice = texts(
      render(promptAdviceTemplate, promptAdviceView({ reportedAt: '08:41 UTC', duplicate: false })),
    );
    assert.match(advice, /Deny/);
    assert.match(advice, /change your password/);
    assert.match(advice, /helpdesk has been told .* 08:41 UTC/);
    const again = texts(
      render(promptAdviceTemplate, promptAdviceView({ reportedAt: '08:41 UTC', duplicate: true })),
    );
    assert.match(again, /already has your report/);

    const notice = render(
      helpdeskNoticeTemplate,
      helpdeskNoticeCardData({
        announcement: {
          id: announcement.id,
          template: 'number-matching',
          activationDate: '2026-12-01',
        },
        user: { objectId: 'u-1', name: 'Megan Member', upn: 'megan@sandbox.example' },
        reportedAt: '2026-11-01T08:41:07.000Z',
        serviceUrl: 'https://smba.example/',
        tenantId: 't',
      }),
    );
    const text = texts(notice);
    assert.match(text, /Megan Member/);
    assert.match(text, /megan@sandbox\.example/);
    assert.match(text, /1 Nov 2026, 08:41 UTC/);
    assert.ok(cardSizeBytes(notice) < MAX_CARD_BYTES);
  });

  it('a note pasted with template syntax is shown as typed, never evaluated', () => {
    const card = render(numberMatchingTemplate, {
      ...numberMatchingSample,
      note: 'Costs ${price} {{DATE(x)}}',
    });
    assert.match(texts(card), /Costs \$\u200B\{price\} \{\{DATE\(x\)\}\}/);
  });

  it('the helpdesk notice lists the sign-ins before the report and asks for fixes with ids only', () => {
    const subject = '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01';
    const notice = render(
      helpdeskNoticeTemplate,
      helpdeskNoticeCardData({
        announcement: { id: 'ann-1', template: 'number-matching', activationDate: '2026-12-01' },
        user: { objectId: subject, name: 'Demo User', upn: 'user@sandbox.example' },
        reportedAt: '2026-11-01T08:41:07.000Z',
        serviceUrl: 'https://smba.example/',
        tenantId: 't',
        evidence: {
          signIns: [
            {
              at: '2026-11-01T08:37:00Z',
              app: 'Office 365 Exchange Online',
              ipAddress: '198.51.100.77',
              location: 'Lagos, NG',
              result: 'Succeeded',
              succeeded: true,
            },
          ],
          fixes: ['revoke-sessions', 'confirm-compromised'],
        },
      }),
    );
    const text = texts(notice);
    assert.match(text, /1 Nov 2026, 08:37 UTC: Office 365 Exchange Online/);
    assert.match(text, /Succeeded\. IP 198\.51\.100\.77, Lagos, NG\./);
    const actions = (notice as unknown as { actions: Array<{ verb: string; data: unknown }> })
      .actions;
    assert.deepEqual(
      actions.map((a) => parseActionData('request.create', a.data)),
      [
        { v: 1, action: 'revoke-sessions', subjectId: subject },
        { v: 1, action: 'confirm-compromised', subjectId: subject },
      ],
    );
    const unread = render(
      helpdeskNoticeTemplate,
      helpdeskNoticeCardData({
        announcement: { id: 'ann-1', template: 'number-matching', activationDate: '2026-12-01' },
        user: { objectId: subject, name: 'Demo User' },
        reportedAt: '2026-11-01T08:41:07.000Z',
        serviceUrl: 'https://smba.example/',
        tenantId: 't',
        evidence: { signIns: [], signInsNote: 'The bot may not read the sign-in log.', fixes: [] },
      }),
    );
    assert.match(texts(unread), /may not read the sign-in log/);
  });
});
