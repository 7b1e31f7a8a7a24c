#!/usr/bin/env node
/**
 * Writes the add-in icons (assets/icon-16/32/64/80.png and assets/logo-filled.png) as real PNG files:
 * a green rounded square holding a white table with a check mark. No dependencies: the PNG is encoded by hand
 * (signature, IHDR, one zlib IDAT, IEND; RGBA, 8 bits per channel). Shapes are drawn in a unit square with
 * 4×4 supersampling so that small sizes stay legible.
 *
 * Usage: node scripts/make-icons.js [outDir]   (default: assets/)
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const GREEN = [16, 124, 65]; // #107C41
const DARK = [11, 84, 44];
const LIGHT = [198, 239, 206];
const WHITE = [255, 255, 255];

const crcTable = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// --- shapes in the unit square: each returns true when (x, y) is inside ---
function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

function segment(ax, ay, bx, by, halfWidth) {
  return (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= halfWidth * halfWidth;
  };
}
const union = (...fs) => (x, y) => fs.some((f) => f(x, y));

/** Layers painted bottom to top. Line widths grow a little at small sizes so that they survive. */
function layers(size) {
  const line = Math.max(0.035, 1.2 / size);
  const grid = [];
  // table: header row + 2 body rows, 2 columns
  grid.push(rect(0.18, 0.36 - line / 2, 0.82, 0.36 + line / 2));
  grid.push(rect(0.18, 0.53 - line / 2, 0.82, 0.53 + line / 2));
  grid.push(rect(0.42 - line / 2, 0.2, 0.42 + line / 2, 0.72));
  const check = (w) => union(segment(0.4, 0.66, 0.55, 0.8, w), segment(0.55, 0.8, 0.86, 0.44, w));
  const checkW = Math.max(0.055, 1.4 / size);
  return [
    [roundedRect(0.04, 0.04, 0.96, 0.96, 0.16), GREEN],
    [roundedRect(0.18, 0.2, 0.82, 0.72, 0.04), WHITE],
    [rect(0.18, 0.2, 0.82, 0.36), LIGHT],
    [union(...grid), GREEN],
    [check(checkW + Math.max(0.04, 1.2 / size)), DARK],
    [check(checkW), WHITE],
  ];
}

function render(size) {
  const ss = 4;
  const out = Buffer.alloc(size * size * 4);
  const ls = layers(size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // accumulate premultiplied colour over the subsamples
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          let c = null;
          for (const [inside, colour] of ls) if (inside(x, y)) c = colour;
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
        out[i + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  return encodePng(size, out);
}

function main() {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, "..", "assets"));
  fs.mkdirSync(outDir, { recursive: true });
  const files = [
    ["icon-16.png", 16],
    ["icon-32.png", 32],
    ["icon-64.png", 64],
    ["icon-80.png", 80],
    ["logo-filled.png", 80],
  ];
  for (const [name, size] of files) {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, render(size));
    console.log(`wrote ${path.relative(process.cwd(), file)} (${size}×${size})`);
  }
}

if (require.main === module) main();
module.exports = { render, encodePng };
