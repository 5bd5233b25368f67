#!/usr/bin/env node
// Draws the tray icons (assets/tray/tray-<state>.png at 16x16 and @2x 32x32) with nothing but
// node:zlib, so they can be rebuilt on any machine: `node scripts/make-tray-icons.mjs`.
// Each state is a disc with a white glyph, drawn by sampling shapes in unit coordinates
// (4x4 samples a pixel, for smooth edges) and written as an RGBA PNG.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'tray');

const disc = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, r, w) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= r && d >= r - w;
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const t = Math.max(
    0,
    Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= w / 2;
};
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by);
  const d2 = s(bx, by, cx, cy);
  const d3 = s(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const any =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));

const WHITE = [255, 255, 255];
const BODY = disc(0.5, 0.5, 0.47);

/** state -> layers, painted in order: [shape, rgb]. */
const ICONS = {
  // A record: red disc, white label.
  idle: [
    [BODY, [213, 16, 7]],
    [disc(0.5, 0.5, 0.13), WHITE],
  ],
  // Sending: blue disc, up arrow.
  sending: [
    [BODY, [30, 111, 217]],
    [any(triangle(0.5, 0.18, 0.24, 0.48, 0.76, 0.48), rect(0.42, 0.46, 0.58, 0.8)), WHITE],
  ],
  // Paused by the user: grey disc, two bars.
  paused: [
    [BODY, [107, 107, 107]],
    [any(rect(0.3, 0.26, 0.43, 0.74), rect(0.57, 0.26, 0.7, 0.74)), WHITE],
  ],
  // Offline: a hollow grey ring, struck through.
  offline: [
    [ring(0.5, 0.5, 0.47, 0.12), [138, 138, 138]],
    [segment(0.2, 0.8, 0.8, 0.2, 0.12), [138, 138, 138]],
  ],
  // Needs attention: amber disc, exclamation mark.
  attention: [
    [BODY, [224, 138, 0]],
    [any(rect(0.43, 0.18, 0.57, 0.58), disc(0.5, 0.74, 0.085)), WHITE],
  ],
};

function draw(layers, size) {
  const n = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          let color = null;
          for (const [shape, rgb] of layers) if (shape(x, y)) color = rgb;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
      }
      pixels[o + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return pixels;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function png(pixels, size) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  // Each scanline starts with filter type 0 (none).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
for (const [state, layers] of Object.entries(ICONS)) {
  for (const [size, suffix] of [
    [16, ''],
    [32, '@2x'],
  ]) {
    const file = join(OUT, `tray-${state}${suffix}.png`);
    writeFileSync(file, png(draw(layers, size), size));
    console.log(file);
  }
}

// The application icon (installers, window decorations): the idle mark at 512 px.
writeFileSync(join(OUT, '..', 'icon.png'), png(draw(ICONS.idle, 512), 512));
