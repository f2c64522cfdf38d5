import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/**
 * Draws the two Teams app icons: a shield with a keyhole.
 *
 * - color.png, 192x192: white glyph on a solid accent-colour square; the glyph stays inside the
 *   central 96x96 area (48 px padding), no rounded corners, as the Teams icon rules ask.
 * - outline.png, 32x32: the same glyph in white on a fully transparent background, filling the
 *   icon (no padding). Every pixel is white (255,255,255); edges are smoothed with alpha only.
 *
 * Run with `tsx scripts/make-icons.ts`; the PNGs are committed, and a test checks that they still
 * match what this script draws.
 */

/** Accent colour of the app; the manifest's accentColor is the same value. */
export const ACCENT = { r: 0x1f, g: 0x5f, b: 0xad } as const;

const SUPERSAMPLES = 4;

/**
 * Whether a point lies on the glyph. Coordinates span -1..1 on both axes of the glyph's square,
 * y growing downwards.
 */
function insideGlyph(x: number, y: number): boolean {
  return insideShield(x, y) && !insideKeyhole(x, y);
}

function insideShield(x: number, y: number): boolean {
  const halfWidth = 0.82;
  const top = -0.94;
  const shoulder = 0.08;
  const corner = 0.16;
  const ax = Math.abs(x);
  if (y < top || y > 1) return false;
  if (y <= shoulder) {
    if (ax > halfWidth) return false;
    // Rounded top corners.
    const cx = halfWidth - corner;
    const cy = top + corner;
    if (ax > cx && y < cy) return Math.hypot(ax - cx, y - cy) <= corner;
    return true;
  }
  // Below the shoulder the sides curve in to a point at the bottom.
  const t = (y - shoulder) / (1 - shoulder);
  return ax <= halfWidth * (1 - Math.pow(t, 1.7));
}

function insideKeyhole(x: number, y: number): boolean {
  const centreY = -0.22;
  const radius = 0.24;
  if (Math.hypot(x, y - centreY) <= radius) return true;
  const slotTop = centreY;
  const slotBottom = 0.5;
  if (y < slotTop || y > slotBottom) return false;
  const t = (y - slotTop) / (slotBottom - slotTop);
  return Math.abs(x) <= 0.09 + 0.07 * t;
}

/** Fraction (0..1) of the pixel at (px, py) covered by the glyph placed in `box`. */
function coverage(px: number, py: number, box: { x: number; y: number; size: number }): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLES; sy += 1) {
    for (let sx = 0; sx < SUPERSAMPLES; sx += 1) {
      const fx = px + (sx + 0.5) / SUPERSAMPLES;
      const fy = py + (sy + 0.5) / SUPERSAMPLES;
      const gx = ((fx - box.x) / box.size) * 2 - 1;
      const gy = ((fy - box.y) / box.size) * 2 - 1;
      if (insideGlyph(gx, gy)) hits += 1;
    }
  }
  return hits / (SUPERSAMPLES * SUPERSAMPLES);
}

export function drawColorIcon(): PNG {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const box = { x: 48, y: 48, size: 96 };
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const c = coverage(x, y, box);
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(ACCENT.r + (255 - ACCENT.r) * c);
      png.data[i + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * c);
      png.data[i + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * c);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

export function drawOutlineIcon(): PNG {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  const box = { x: 0.5, y: 0.5, size: 31 };
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const i = (y * size + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(255 * coverage(x, y, box));
    }
  }
  return png;
}

export function writeIcons(directory: string): void {
  writeFileSync(join(directory, 'color.png'), PNG.sync.write(drawColorIcon()));
  writeFileSync(join(directory, 'outline.png'), PNG.sync.write(drawOutlineIcon()));
}

if (require.main === module) {
  const directory = join(__dirname, '..', 'appPackage');
  writeIcons(directory);
  process.stdout.write(`wrote color.png and outline.png in ${directory}\n`);
}
