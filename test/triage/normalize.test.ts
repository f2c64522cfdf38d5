import assert from 'node:assert/strict';
import { MAX_PASTE_CHARS, normalize } from '../../src/triage/normalize';

describe('normalize', () => {
  it('makes typographic quotes and dashes ASCII', () => {
    const { text } = normalize(
      'We\u2019ve detected \u201csuspicious\u201d activity \u2014 sign\u2011in',
    );
    assert.equal(text, 'We\'ve detected "suspicious" activity - sign-in');
  });

  it('removes zero-width and direction characters', () => {
    const { text } = normalize('AAD\u200bSTS\u200d530\u200e03\ufeff');
    assert.equal(text, 'AADSTS53003');
  });

  it('turns non-breaking and other Unicode spaces into single spaces', () => {
    const { text } = normalize('Your\u00a0account\u2009is\u202f\u3000blocked');
    assert.equal(text, 'Your account is blocked');
  });

  it('folds full-width characters with NFKC', () => {
    assert.equal(normalize('ＡＡＤＳＴＳ５３００３').text, 'AADSTS53003');
  });

  it('unescapes a JSON body pasted as text', () => {
    const body =
      '{"error":"invalid_grant","error_description":"AADSTS50126: Error validating credentials.\\r\\nTrace ID: x\\r\\nCorrelation ID: y","note":"it\\u0027s \\"quoted\\"\\tend"}';
    const { text } = normalize(body);
    assert.ok(text.includes('credentials.\nTrace ID: x\nCorrelation ID: y'), text);
    assert.ok(text.includes('it\'s "quoted" end'), text);
  });

  it('unescapes JSON that was escaped twice', () => {
    assert.equal(normalize('line one\\\\r\\\\nline two').text, 'line one\nline two');
  });

  it('decodes common HTML entities', () => {
    assert.equal(
      normalize('We&#39;ve detected &quot;x&quot; &amp; more').text,
      'We\'ve detected "x" & more',
    );
  });

  it('keeps lines for field extraction and collapses blanks within them', () => {
    const { text } = normalize('  Request Id:\t\t abc  \r\n\r\n Correlation Id:   def \r');
    assert.equal(text, 'Request Id: abc\n\nCorrelation Id: def');
  });

  it('gives a flat lower-case form with all whitespace collapsed', () => {
    const { flat } = normalize('Your account\nor   password\r\nis INCORRECT');
    assert.equal(flat, 'your account or password is incorrect');
  });

  it('cuts long input and says so', () => {
    const long = 'a'.repeat(MAX_PASTE_CHARS + 10);
    const result = normalize(long);
    assert.equal(result.truncated, true);
    assert.equal(result.text.length, MAX_PASTE_CHARS);
    assert.equal(normalize('short').truncated, false);
  });

  it('never leaves half a surrogate pair at the cut', () => {
    const text = 'a'.repeat(9) + '\u{1F600}';
    const { text: cut } = normalize(text, 10);
    assert.equal(cut, 'a'.repeat(9));
  });
});
