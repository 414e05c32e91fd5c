// Draws Kiln's app icons from one geometry: public/icons/icon.svg and the PNGs the web app manifest
// lists (192, 512, and a maskable 512 whose artwork stays inside the 80% safe circle). No image
// library: shapes are tested per pixel with 4×4 supersampling, and the PNG is written with zlib.
// Run: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const out = resolve(import.meta.dirname, '../public/icons');
const BG = [0x12, 0x15, 0x1c];
const KILN = [0xf0, 0x8a, 0x4b];
const FLAME = [0xff, 0xd1, 0x66];

/** The artwork on a 0..1 square: a kiln (an arch over a block) with a flame in its mouth. */
const shapes = [
  { color: KILN, inside: (x, y) => (x >= 0.22 && x <= 0.78 && y >= 0.45 && y <= 0.8) || (y < 0.45 && (x - 0.5) ** 2 + (y - 0.45) ** 2 <= 0.28 ** 2) },
  { color: BG, inside: (x, y) => (x >= 0.37 && x <= 0.63 && y >= 0.55 && y <= 0.8) || (y < 0.55 && (x - 0.5) ** 2 + (y - 0.55) ** 2 <= 0.13 ** 2) },
  { color: FLAME, inside: (x, y) => y <= 0.76 && y >= 0.5 && Math.abs(x - 0.5) <= 0.085 * Math.sin(((y - 0.5) / 0.26) * Math.PI) ** 0.7 },
];

function svg() {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect width="100" height="100" rx="18" fill="#12151c"/>
  <path d="M22 80V45A28 28 0 0 1 78 45V80Z" fill="#f08a4b"/>
  <path d="M37 80V55A13 13 0 0 1 63 55V80Z" fill="#12151c"/>
  <path d="M50 50C58 60 58 70 50 76C42 70 42 60 50 50Z" fill="#ffd166"/>
</svg>
`;
}

/** RGBA pixels of the icon at `size`; `inset` shrinks the artwork (maskable icons), `radius` rounds the background. */
function raster(size, { inset = 0, radius = 0.18 } = {}) {
  const px = new Uint8Array(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let qx = 0; qx < size; qx++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const u = (qx + (sx + 0.5) / S) / size;
          const v = (py + (sy + 0.5) / S) / size;
          if (!inRoundedSquare(u, v, radius)) continue;
          const x = (u - inset) / (1 - 2 * inset);
          const y = (v - inset) / (1 - 2 * inset);
          let c = BG;
          for (const s of shapes) if (s.inside(x, y)) c = s.color;
          r += c[0]; g += c[1]; b += c[2]; a += 255;
        }
      }
      const n = S * S, i = (py * size + qx) * 4;
      const cover = a / 255;
      px[i] = cover ? Math.round(r / cover) : 0;
      px[i + 1] = cover ? Math.round(g / cover) : 0;
      px[i + 2] = cover ? Math.round(b / cover) : 0;
      px[i + 3] = Math.round(a / n);
    }
  }
  return px;
}

function inRoundedSquare(u, v, radius) {
  const dx = Math.max(radius - u, 0, u - (1 - radius));
  const dy = Math.max(radius - v, 0, v - (1 - radius));
  return dx * dx + dy * dy <= radius * radius;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

mkdirSync(out, { recursive: true });
writeFileSync(resolve(out, 'icon.svg'), svg());
writeFileSync(resolve(out, 'icon-192.png'), png(192, raster(192)));
writeFileSync(resolve(out, 'icon-512.png'), png(512, raster(512)));
// maskable: full-bleed background, artwork inside the central 80%
writeFileSync(resolve(out, 'icon-maskable-512.png'), png(512, raster(512, { inset: 0.1, radius: 0 })));
console.log(`icons written to ${out}`);
