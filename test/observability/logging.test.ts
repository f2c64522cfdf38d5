import assert from 'node:assert/strict';
import {
  getLogger,
  REDACTED,
  redactSecrets,
  scrubText,
  SECRET_KEYS,
  withCorrelation,
} from '../../src/logging';
import { captureLogs } from '../support/log-capture';

const SECRET = 'S3cr3t-value-that-must-not-leak';

describe('structured logs', () => {
  it('redacts every secret property at the top and nested up to three levels', () => {
    const logs = captureLogs('debug');
    try {
      const log = getLogger('test');
      for (const key of SECRET_KEYS) {
        log.info('flat', { [key]: SECRET });
        log.info('nested', { outer: { [key]: SECRET } });
        log.info('deeper', { a: { b: { [key]: SECRET } } });
        log.info('deepest', { a: { b: { c: { [key]: SECRET } } } });
      }
      assert.equal(logs.lines.length, SECRET_KEYS.length * 4);
      for (const line of logs.lines) assert.ok(!line.includes(SECRET), line);
      assert.ok(logs.lines.every((line) => line.includes(REDACTED)));
    } finally {
      logs.stop();
    }
  });

  it('hides secrets in arrays and in a plain object under error, leaving the logged objects unchanged', () => {
    const fields = {
      items: [{ name: 'a' }, { token: SECRET }],
      error: { password: SECRET, status: 401 },
      when: new Date(0),
      plain: { kept: 'yes' },
    };
    const before = JSON.stringify(fields);
    const logs = captureLogs('debug');
    try {
      getLogger('test').warn('mixed', fields);
      const [line] = logs.lines;
      assert.ok(line !== undefined && !line.includes(SECRET), line);
      const record = logs.records()[0] ?? {};
      assert.deepEqual(record.items, [{ name: 'a' }, { token: REDACTED }]);
      assert.deepEqual(record.error, { password: REDACTED, status: 401 });
      assert.equal(record.when, new Date(0).toISOString());
      assert.deepEqual(record.plain, { kept: 'yes' });
      // An Error under err is still written by its serializer: type and scrubbed message.
      getLogger('test').error('failed', { err: new TypeError('bad input') });
      const failed = logs.records()[1] ?? {};
      assert.deepEqual(failed.err, { type: 'TypeError', message: 'bad input' });
    } finally {
      logs.stop();
    }
    assert.equal(JSON.stringify(fields), before, 'the logged objects were changed');
  });

  it('copies nothing when a line holds no secret, and only the way to a secret when it does', () => {
    const clean = { a: { b: { c: 1 } }, list: [1, 2] };
    assert.equal(redactSecrets(clean), clean);
    const shared = { c: 1 };
    const dirty = { a: { b: { token: SECRET } }, other: shared };
    const out = redactSecrets(dirty);
    assert.notEqual(out, dirty);
    assert.equal(out.other, shared);
    assert.deepEqual(out.a, { b: { token: REDACTED } });
    assert.equal(dirty.a.b.token, SECRET);
  });

  it('scrubs secrets out of messages and errors: bearer tokens, JWTs, account keys, SAS', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJyb2xlcyI6WyJVc2VyLlJlYWQuQWxsIl19.c2lnbmF0dXJlLXBhcnQ';
    const texts = [
      `Authorization: Bearer ${SECRET}`,
      `token ${jwt} was refused`,
      `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${SECRET};EndpointSuffix=x`,
      `https://acct.blob.core.windows.net/c?sv=2024&sig=${SECRET}&se=2026`,
      `{"temporaryAccessPass":"${SECRET}"}`,
    ];
    for (const text of texts) {
      const scrubbed = scrubText(text);
      assert.ok(!scrubbed.includes(SECRET) && !scrubbed.includes(jwt), scrubbed);
    }
    const logs = captureLogs('debug');
    try {
      getLogger('test').error('call failed', { err: new Error(texts[2]) });
      getLogger('test').warn(texts[0]);
      assert.ok(
        logs.lines.every((line) => !line.includes(SECRET)),
        logs.lines.join('\n'),
      );
    } finally {
      logs.stop();
    }
  });

  it('writes one JSON line per call with values escaped, whatever they hold', () => {
    const logs = captureLogs('info');
    try {
      const hostile = 'line one\n{"level":"fatal","msg":"forged"}\r\n"quoted" \u0000';
      getLogger('test').info('pasted', { text: hostile });
      assert.equal(logs.lines.length, 1);
      const record = JSON.parse(logs.lines[0]) as Record<string, unknown>;
      assert.equal(record.text, hostile);
      assert.equal(record.level, 'info');
      assert.equal(record.component, 'test');
    } finally {
      logs.stop();
    }
  });

  it('honours the configured level and carries the correlation id of the scope', async () => {
    const logs = captureLogs('warn');
    try {
      const log = getLogger('test');
      await withCorrelation('0b3c1f5e-2a4d-4e6f-8a9b-1c2d3e4f5a6b', async () => {
        log.info('hidden');
        log.debug('hidden too');
        await Promise.resolve();
        log.warn('shown');
      });
      log.error('outside');
      const records = logs.records();
      assert.deepEqual(
        records.map((r) => [r.msg, r.correlationId]),
        [
          ['shown', '0b3c1f5e-2a4d-4e6f-8a9b-1c2d3e4f5a6b'],
          ['outside', undefined],
        ],
      );
    } finally {
      logs.stop();
    }
  });
});
