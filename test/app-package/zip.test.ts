import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, createZip } from '../../scripts/zip';
import { readZip } from './read-zip';

describe('zip writer', () => {
  it('computes the standard CRC-32', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.alloc(0)), 0);
    assert.equal(crc32(Buffer.from('The quick brown fox jumps over the lazy dog')), 0x414fa339);
  });

  it('round-trips text, incompressible bytes and an empty file', () => {
    const text = Buffer.from('sign-in '.repeat(500));
    const noise = randomBytes(4096);
    const archive = createZip([
      { name: 'text.txt', data: text },
      { name: 'noise.bin', data: noise },
      { name: 'empty', data: Buffer.alloc(0) },
      { name: 'folder/nested.json', data: Buffer.from('{"ok":true}') },
    ]);
    const entries = readZip(archive);
    assert.deepEqual(
      entries.map((e) => e.name),
      ['text.txt', 'noise.bin', 'empty', 'folder/nested.json'],
    );
    assert.ok(entries[0].data.equals(text));
    assert.equal(entries[0].method, 8, 'compressible data is deflated');
    assert.ok(entries[1].data.equals(noise));
    assert.equal(entries[1].method, 0, 'incompressible data is stored');
    assert.equal(entries[2].data.length, 0);
    assert.equal(entries[3].data.toString(), '{"ok":true}');
    const textOnly = createZip([{ name: 'text.txt', data: text }]);
    assert.ok(textOnly.length < text.length / 10, `text was not compressed: ${textOnly.length}`);
  });

  it('gives the same bytes for the same input', () => {
    const entries = [{ name: 'a.txt', data: Buffer.from('same') }];
    assert.ok(createZip(entries).equals(createZip(entries)));
  });

  it('refuses duplicate and unsafe names', () => {
    const data = Buffer.from('x');
    assert.throws(
      () =>
        createZip([
          { name: 'a', data },
          { name: 'a', data },
        ]),
      /duplicate/,
    );
    assert.throws(() => createZip([{ name: '../a', data }]), /invalid entry name/);
    assert.throws(() => createZip([{ name: '/a', data }]), /invalid entry name/);
    assert.throws(() => createZip([{ name: '', data }]), /invalid entry name/);
  });

  it('is accepted by Info-ZIP unzip when installed', function () {
    if (spawnSync('unzip', ['-v']).error !== undefined) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    try {
      const file = join(dir, 'test.zip');
      writeFileSync(
        file,
        createZip([
          { name: 'manifest.json', data: Buffer.from('{"a":1}\n'.repeat(50)) },
          { name: 'raw.bin', data: randomBytes(300) },
        ]),
      );
      const test = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
      assert.equal(test.status, 0, test.stdout + test.stderr);
      const content = spawnSync('unzip', ['-p', file, 'manifest.json'], { encoding: 'utf8' });
      assert.equal(content.stdout, '{"a":1}\n'.repeat(50));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
