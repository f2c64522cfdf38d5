import assert from 'node:assert/strict';
import { triage } from '../../src/triage';
import {
  isTroubleshootingDetails,
  troubleshootingDetailsTriage,
} from '../../src/diagnosis/ids-only';

const REQUEST = 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d03';
const CORRELATION = 'c4f2a9e1-6b3d-4e7a-8c5f-2d1b0a9e8f02';

/** The id lines of an Entra sign-in page's "Troubleshooting details", copied without the rest. */
const ID_LINES = [
  `Request Id: ${REQUEST}`,
  `Correlation Id: ${CORRELATION}`,
  'Timestamp: 2026-12-07T12:38:11.000Z',
].join('\n');

const takes = (text: string) => isTroubleshootingDetails(text, triage(text));

describe('troubleshooting details pasted alone', () => {
  it('takes ids with nothing else beside them', () => {
    assert.equal(triage(ID_LINES).intent, 'unrelated', 'triage alone finds no error in them');
    assert.ok(takes(ID_LINES));
    assert.ok(takes(`Request Id: ${REQUEST}`));
    assert.ok(takes(`Correlation ID: ${CORRELATION}\nTimestamp: 2026-12-07T12:38:11Z`));
    // The same block on the German page.
    assert.ok(
      takes(
        `Anforderungs-ID: ${REQUEST}\nKorrelations-ID: ${CORRELATION}\nZeitstempel: 2026-12-07T12:38:11Z`,
      ),
    );
  });

  it('leaves an id among other words, and a text with no id, as triage read them', () => {
    assert.equal(
      takes(`The printer queue stopped again this morning, ticket Request ID: ${REQUEST}`),
      false,
    );
    assert.equal(takes('Timestamp: 2026-12-07T12:38:11Z'), false, 'no id to look up');
    assert.equal(takes('thanks, that worked'), false);
  });

  it('leaves a paste triage read as an error, a question or a weak lead alone', () => {
    const coded = `AADSTS53003: Access has been blocked by Conditional Access policies.\nRequest Id: ${REQUEST}`;
    assert.equal(takes(coded), false);
    const result = triage(ID_LINES);
    assert.equal(
      isTroubleshootingDetails(ID_LINES, {
        ...result,
        unsure: { intent: 'ca-blocked', confidence: 0.3 },
      } as never),
      false,
    );
  });

  it('becomes a code-less look-up carrying the ids, never the text', () => {
    const looked = troubleshootingDetailsTriage(triage(ID_LINES));
    assert.equal(looked.intent, 'other-known');
    assert.equal(looked.code, undefined);
    assert.deepEqual(looked.codes, []);
    assert.equal(looked.fields.requestId, REQUEST);
    assert.equal(looked.fields.correlationId, CORRELATION);
    assert.doesNotMatch(JSON.stringify(looked), /Request Id|Timestamp:/, 'no text of the paste');
  });
});
