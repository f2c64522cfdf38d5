import type { Attachment } from 'botbuilder';

/**
 * The CSV file sent with an "sms sign-in for <group>" message. Teams delivers a file in a 1:1
 * chat as a download-info attachment with a short-lived https URL; other channels may carry the
 * text inline. Only https downloads, only .csv / text, and at most 40 KB are read.
 */

const MAX_BYTES = 40_000;
const FILE_INFO = 'application/vnd.microsoft.teams.file.download.info';

type Read = { text?: string; problem?: string };

function isCsvName(name: string | undefined): boolean {
  return name === undefined || /\.(csv|txt)$/i.test(name);
}

export async function readCsvAttachment(
  attachments: readonly Attachment[],
  fetcher: typeof fetch = fetch,
): Promise<Read> {
  for (const attachment of attachments) {
    if (
      /^text\/(csv|plain)$/i.test(attachment.contentType) &&
      typeof attachment.content === 'string'
    ) {
      return attachment.content.length > MAX_BYTES
        ? { problem: 'The file is too large: at most 200 people at a time.' }
        : { text: attachment.content };
    }
    const content = attachment.content as { downloadUrl?: unknown; fileType?: unknown } | undefined;
    const isFile =
      attachment.contentType === FILE_INFO || /^text\/csv$/i.test(attachment.contentType);
    const url =
      typeof content?.downloadUrl === 'string' ? content.downloadUrl : attachment.contentUrl;
    if (!isFile || typeof url !== 'string') continue;
    if (!isCsvName(attachment.name) && content?.fileType !== 'csv') {
      return { problem: 'Send the list as a .csv file: one "person, phone" line each.' };
    }
    if (!url.startsWith('https://')) return { problem: 'The file could not be read from Teams.' };
    try {
      const response = await fetcher(url, { redirect: 'error' });
      const body = response.ok ? await response.text() : undefined;
      if (body === undefined) return { problem: 'The file could not be downloaded from Teams.' };
      if (body.length > MAX_BYTES) {
        return { problem: 'The file is too large: at most 200 people at a time.' };
      }
      return { text: body };
    } catch {
      return { problem: 'The file could not be downloaded from Teams.' };
    }
  }
  return {};
}
