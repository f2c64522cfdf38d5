import assert from 'node:assert/strict';
import { passCodesIn, scanForSecrets } from './support/secret-scan';

describe('the secret scan of the security run', () => {
  it('finds a known secret or any token in a place, and says where, not what', () => {
    const scan = scanForSecrets(
      ['Pass-4kT9xQ'],
      [
        { place: 'audit', text: '{"summary":"Temporary Access Pass issued"}' },
        { place: 'log', text: 'oops Pass-4kT9xQ' },
        { place: 'post', text: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJib3QifQ.c2ln' },
      ],
    );
    assert.equal(scan.secretHits, 2);
    assert.deepEqual(scan.secretHitPlaces, ['log', 'post']);
    assert.doesNotMatch(JSON.stringify(scan), /Pass-4kT9xQ/);
  });

  it('reads the pass code from the approver’s own card', () => {
    const card = {
      type: 'AdaptiveCard',
      body: [{ type: 'TextBlock', text: 'Kq7!pZ2w', fontType: 'Monospace', size: 'ExtraLarge' }],
    };
    assert.deepEqual(passCodesIn(JSON.stringify({ statusCode: 200, value: card })), ['Kq7!pZ2w']);
    assert.deepEqual(passCodesIn('not json'), []);
  });
});
