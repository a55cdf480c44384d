import sharp from 'sharp';
import type { Rand } from './random.ts';

// Citizens attach phone photos; the demo draws small stand-ins (a street scene: sky, road,
// a puddle or a broken lamp) as real JPEG and PNG files, so the photo path (type sniffing,
// resizing, thumbnails) runs on them as on a phone's.

const skies = ['#9cc3e6', '#c9d6df', '#f2d7b6', '#b8c6d1'];
const grounds = ['#6d6d6d', '#8a8278', '#5b5f63', '#7c7468'];

export async function demoPhoto(rand: Rand, format: 'jpeg' | 'png'): Promise<Buffer> {
  const w = 480;
  const h = 360;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const horizon = Math.round(h * (0.35 + rand() * 0.2));
  const px = Math.round(w * (0.2 + rand() * 0.6));
  const pw = Math.round(60 + rand() * 120);
  const lampX = Math.round(w * (0.1 + rand() * 0.8));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
  <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="${pick(skies)}"/><stop offset="1" stop-color="#ffffff"/></linearGradient></defs>
  <rect width="${w}" height="${horizon}" fill="url(#s)"/>
  <rect y="${horizon}" width="${w}" height="${h - horizon}" fill="${pick(grounds)}"/>
  <polygon points="${w * 0.42},${horizon} ${w * 0.58},${horizon} ${w * 0.9},${h} ${w * 0.1},${h}" fill="#4a4a4a"/>
  <ellipse cx="${px}" cy="${Math.round(horizon + (h - horizon) * 0.6)}" rx="${pw}" ry="${Math.round(pw / 4)}" fill="#3b4d5c" opacity="0.85"/>
  <rect x="${lampX}" y="${Math.round(horizon * 0.4)}" width="6" height="${h - Math.round(horizon * 0.4) - 20}" fill="#2f2f2f"/>
  <rect x="${lampX - 14}" y="${Math.round(horizon * 0.4) - 8}" width="34" height="10" rx="4" fill="#3a3a3a"/>
</svg>`;
  const img = sharp(Buffer.from(svg));
  return format === 'jpeg' ? img.jpeg({ quality: 80 }).toBuffer() : img.png().toBuffer();
}
