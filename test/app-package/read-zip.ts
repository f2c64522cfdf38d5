import { inflateRawSync } from 'node:zlib';
import { crc32 } from '../../scripts/zip';

/**
 * An independent reader for the archives scripts/zip.ts writes: walks the end record, the central
 * directory and each local header, inflates, and checks sizes and CRC-32. Throws on any mismatch,
 * so a test that reads an archive back proves it is well formed.
 */
export interface ReadEntry {
  name: string;
  method: number;
  data: Buffer;
}

export function readZip(archive: Buffer): ReadEntry[] {
  const endOffset = archive.length - 22;
  if (endOffset < 0 || archive.readUInt32LE(endOffset) !== 0x06054b50) {
    throw new Error('no end-of-central-directory record at the end (comment not supported)');
  }
  const count = archive.readUInt16LE(endOffset + 10);
  const centralSize = archive.readUInt32LE(endOffset + 12);
  const centralOffset = archive.readUInt32LE(endOffset + 16);
  if (centralOffset + centralSize !== endOffset) {
    throw new Error('central directory does not end where the end record starts');
  }

  const entries: ReadEntry[] = [];
  let cursor = centralOffset;
  for (let i = 0; i < count; i += 1) {
    if (archive.readUInt32LE(cursor) !== 0x02014b50) throw new Error(`bad central header ${i}`);
    const method = archive.readUInt16LE(cursor + 10);
    const crc = archive.readUInt32LE(cursor + 16);
    const compressedSize = archive.readUInt32LE(cursor + 20);
    const size = archive.readUInt32LE(cursor + 24);
    const nameLength = archive.readUInt16LE(cursor + 28);
    const extraLength = archive.readUInt16LE(cursor + 30);
    const commentLength = archive.readUInt16LE(cursor + 32);
    const localOffset = archive.readUInt32LE(cursor + 42);
    const name = archive.toString('utf8', cursor + 46, cursor + 46 + nameLength);
    cursor += 46 + nameLength + extraLength + commentLength;

    if (archive.readUInt32LE(localOffset) !== 0x04034b50)
      throw new Error(`bad local header ${name}`);
    const localNameLength = archive.readUInt16LE(localOffset + 26);
    const localExtraLength = archive.readUInt16LE(localOffset + 28);
    const localName = archive.toString(
      'utf8',
      localOffset + 30,
      localOffset + 30 + localNameLength,
    );
    if (localName !== name) throw new Error(`local name ${localName} differs from central ${name}`);
    if (archive.readUInt32LE(localOffset + 14) !== crc)
      throw new Error(`local CRC differs: ${name}`);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const body = archive.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(body) : method === 0 ? Buffer.from(body) : undefined;
    if (data === undefined) throw new Error(`unsupported method ${method} for ${name}`);
    if (data.length !== size) throw new Error(`size mismatch for ${name}`);
    if (crc32(data) !== crc) throw new Error(`CRC mismatch for ${name}`);
    entries.push({ name, method, data });
  }
  if (cursor !== endOffset) throw new Error('central directory size does not match its entries');
  return entries;
}
