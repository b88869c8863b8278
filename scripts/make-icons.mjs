// Draws the app icons in public/icons/ (the web app manifest's): a white diamond — the page's
// brand mark — on the accent blue, as PNGs written with node:zlib (no image library needed).
// Run once when the mark changes: `node scripts/make-icons.mjs`.
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";

const BLUE = [11, 107, 203];
const WHITE = [255, 255, 255];

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, "ascii"), data])), 8 + data.length);
  return out;
}

/** `inside(x, y)` → 0..1 coverage of the mark; `rounded`: corner radius of the background (0: full bleed, for maskable). */
function icon(size, { rounded, markScale }) {
  const S = 4; // supersampling per axis
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let mark = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const px = (x + (sx + 0.5) / S) / size - 0.5;
          const py = (y + (sy + 0.5) / S) / size - 0.5;
          const r = rounded;
          const qx = Math.max(Math.abs(px) - (0.5 - r), 0);
          const qy = Math.max(Math.abs(py) - (0.5 - r), 0);
          const inBg = r === 0 || qx * qx + qy * qy <= r * r;
          if (inBg) bg++;
          if (inBg && Math.abs(px) + Math.abs(py) <= 0.5 * markScale) mark++;
        }
      const a = bg / (S * S);
      const m = mark / (S * S);
      const color = BLUE.map((c, i) => Math.round(c * (1 - m / Math.max(a, 1e-9)) + WHITE[i] * (m / Math.max(a, 1e-9))));
      row.set([...color, Math.round(a * 255)], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const dir = new URL("../public/icons/", import.meta.url);
writeFileSync(new URL("icon-192.png", dir), icon(192, { rounded: 0.18, markScale: 0.62 }));
writeFileSync(new URL("icon-512.png", dir), icon(512, { rounded: 0.18, markScale: 0.62 }));
// Maskable: full bleed, the mark inside the safe zone (the middle 80 %).
writeFileSync(new URL("icon-maskable-512.png", dir), icon(512, { rounded: 0, markScale: 0.5 }));
writeFileSync(new URL("apple-touch-icon.png", dir), icon(180, { rounded: 0, markScale: 0.6 }));
