import assert from 'node:assert/strict';
import { csvField, toCsv } from '../../src/announcements/csv';

describe('announcement CSV export', () => {
  it('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('Doe, Jane'), '"Doe, Jane"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rhere'), '"cr\rhere"');
  });

  it('keeps spreadsheet formulas from running', () => {
    assert.equal(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvField('+1 555'), "'+1 555");
    assert.equal(csvField('-2'), "'-2");
    assert.equal(csvField('@cmd'), "'@cmd");
    assert.equal(csvField('\tindent'), "'\tindent");
    assert.equal(csvField(-2), '-2', 'numbers are numbers, not text');
  });

  it('writes empty cells for missing values and ends every line with CRLF', () => {
    const csv = toCsv(
      ['a', 'b', 'c'],
      [
        ['x', undefined, 3],
        [null, true, 'y,z'],
      ],
    );
    assert.equal(csv, 'a,b,c\r\nx,,3\r\n,true,"y,z"\r\n');
  });

  it('round-trips through a strict RFC 4180 reader', () => {
    const names = ['Émile "the boss", Jr.', 'line\r\nbreak', '=cmd|x', 'plain'];
    const csv = toCsv(
      ['name'],
      names.map((n) => [n]),
    );
    const parsed = parseCsv(csv)
      .slice(1)
      .map((row) => row[0]);
    assert.deepEqual(parsed, ['Émile "the boss", Jr.', 'line\r\nbreak', "'=cmd|x", 'plain']);
  });
});

/** A minimal RFC 4180 parser, to check the writer from the reader's side. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  return rows;
}
