import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Teams draws the "Warning" text colour as a light yellow that is hard to read on a white card.
 * Warnings are shown as text on a warning-styled container instead (dark text on pale yellow).
 */
describe('card colours people can read', () => {
  function templates(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return templates(full);
      return entry.name.endsWith('.json') ? [full] : [];
    });
  }

  it('no card template writes text in the Warning colour', () => {
    const files = templates(path.join(process.cwd(), 'cards'));
    assert.ok(files.length > 5);
    const offenders: string[] = [];
    for (const file of files) {
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node !== null && typeof node === 'object') {
          const element = node as Record<string, unknown>;
          if (typeof element.color === 'string' && element.color.toLowerCase() === 'warning') {
            offenders.push(`${path.relative(process.cwd(), file)}: ${String(element.text)}`);
          }
          Object.values(element).forEach(walk);
        }
      };
      walk(JSON.parse(fs.readFileSync(file, 'utf8')));
    }
    assert.deepEqual(offenders, []);
  });
});
