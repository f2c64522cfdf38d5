import assert from 'node:assert/strict';
import { formatInstant, instantWords } from '../src/dates';

describe('the one date form', () => {
  const at = '2026-01-15T09:12:00Z';

  it('says an instant in the reader’s zone, and in UTC when the place is unknown', () => {
    assert.equal(formatInstant(at), '15 Jan 2026, 09:12 UTC');
    assert.match(instantWords({ locale: 'en-GB', timeZone: 'Europe/Berlin' })(at), /10:12/);
    assert.match(instantWords({ locale: 'en-US', timeZone: 'America/New_York' })(at), /4:12/);
  });

  it('falls back instead of failing on a zone or locale the runtime does not know', () => {
    assert.equal(instantWords({ timeZone: 'Mars/Olympus' })(at), '15 Jan 2026, 09:12 UTC');
    assert.match(instantWords({ locale: 'zz-??', timeZone: 'Europe/Berlin' })(at), /10:12/);
  });

  it('answers the same for a place asked again after many others (formatters are kept, bounded)', () => {
    const berlin = instantWords({ locale: 'de-DE', timeZone: 'Europe/Berlin' })(at);
    for (let i = 0; i < 600; i += 1)
      instantWords({ locale: `en-GB`, timeZone: `Etc/GMT+${i % 12}` })(at);
    assert.equal(instantWords({ locale: 'de-DE', timeZone: 'Europe/Berlin' })(at), berlin);
  });

  it('says unknown for a missing instant and keeps text that is not one', () => {
    assert.equal(formatInstant(undefined), 'unknown');
    assert.equal(formatInstant('yesterday'), 'yesterday');
  });
});
