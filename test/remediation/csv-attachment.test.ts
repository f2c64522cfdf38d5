import assert from 'node:assert/strict';
import type { Attachment } from 'botbuilder';
import { readCsvAttachment } from '../../bot/remediation/csv-attachment';

const FILE_INFO = 'application/vnd.microsoft.teams.file.download.info';
const CSV = 'support@sandbox.example,+44 7700 900456\n';

/** A file as Teams hands it to a bot in a 1:1 chat: a download-info attachment. */
function teamsFile(name: string, downloadUrl: string, fileType = 'csv'): Attachment {
  return { contentType: FILE_INFO, name, content: { downloadUrl, uniqueId: 'x', fileType } };
}

/** A fetch that records what was asked and answers with `body` (or fails). */
function fakeFetch(answer: { status?: number; body?: string; fail?: boolean }) {
  const asked: Array<{ url: string; redirect?: string }> = [];
  const fetcher = (async (url: string | URL, init?: RequestInit) => {
    asked.push({ url: String(url), redirect: init?.redirect });
    if (answer.fail) throw new TypeError('fetch failed');
    return new Response(answer.body ?? '', { status: answer.status ?? 200 });
  }) as typeof fetch;
  return { fetcher, asked };
}

describe('the CSV file sent with "sms sign-in for <group>"', () => {
  it('downloads a Teams file from its https download URL, refusing redirects', async () => {
    const { fetcher, asked } = fakeFetch({ body: CSV });
    const read = await readCsvAttachment(
      [teamsFile('numbers.csv', 'https://contoso-my.sharepoint.com/personal/x/numbers.csv')],
      fetcher,
    );
    assert.deepEqual(read, { text: CSV });
    assert.deepEqual(asked, [
      { url: 'https://contoso-my.sharepoint.com/personal/x/numbers.csv', redirect: 'error' },
    ]);
  });

  it('reads inline CSV text without any download', async () => {
    const { fetcher, asked } = fakeFetch({ body: 'never' });
    const read = await readCsvAttachment([{ contentType: 'text/csv', content: CSV }], fetcher);
    assert.deepEqual(read, { text: CSV });
    assert.equal(asked.length, 0);
  });

  it('never fetches a plain-http or non-CSV file, and says why', async () => {
    const { fetcher, asked } = fakeFetch({ body: CSV });
    assert.deepEqual(
      await readCsvAttachment([teamsFile('numbers.csv', 'http://127.0.0.1:9/x.csv')], fetcher),
      { problem: 'The file could not be read from Teams.' },
    );
    assert.deepEqual(
      await readCsvAttachment([teamsFile('numbers.xlsx', 'https://x/y', 'xlsx')], fetcher),
      { problem: 'Send the list as a .csv file: one "person, phone" line each.' },
    );
    assert.equal(asked.length, 0);
  });

  it('refuses a file over 40 KB, a failed download and an unreachable URL, with a clear line', async () => {
    const big = 'a@b.example,+1 555 0100\n'.repeat(2_000);
    const file = [teamsFile('numbers.csv', 'https://contoso-my.sharepoint.com/n.csv')];
    assert.match(
      (await readCsvAttachment(file, fakeFetch({ body: big }).fetcher)).problem ?? '',
      /too large: at most 200 people/,
    );
    assert.deepEqual(await readCsvAttachment(file, fakeFetch({ status: 403 }).fetcher), {
      problem: 'The file could not be downloaded from Teams.',
    });
    assert.deepEqual(await readCsvAttachment(file, fakeFetch({ fail: true }).fetcher), {
      problem: 'The file could not be downloaded from Teams.',
    });
  });

  it('ignores cards and other attachments, leaving the typed list to the command', async () => {
    const { fetcher, asked } = fakeFetch({ body: CSV });
    const read = await readCsvAttachment(
      [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard' },
        },
      ],
      fetcher,
    );
    assert.deepEqual(read, {});
    assert.equal(asked.length, 0);
  });
});
