import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Rule } from './duty.ts';

// Printable A4 posters with the QR code that citizens scan (扫码找委员). Chinese text is set
// in Noto Sans SC, shipped as an npm package so posters print the same on any machine.
const require = createRequire(import.meta.url);
const fontRegular = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const fontBold = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

const weekdayNames = ['一', '二', '三', '四', '五', '六', '日'];
export function describeRule(r: Pick<Rule, 'freq' | 'day' | 'startTime' | 'endTime'>): string {
  const when = r.freq === 'monthly' ? `每月${r.day}日` : `每周${weekdayNames[r.day - 1]}`;
  return `${when} ${r.startTime}–${r.endTime}`;
}

export const qrPng = (url: string, width = 600) =>
  QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width });
export const qrSvg = (url: string) =>
  QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

export type PosterContent = {
  title: string; // studio or member name
  subtitle: string; // committee, kind or sector
  lines: string[]; // address, duty times, services
  url: string;
  call: string; // 扫码找委员 · 码上反映
};

export async function posterPdf(c: PosterContent): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: c.title, Creator: 'Lianxin 连心' } });
  doc.registerFont('regular', fontRegular);
  doc.registerFont('bold', fontBold);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 112;

  doc.rect(0, 0, doc.page.width, 18).fill('#b71c1c');
  doc.fillColor('#b71c1c').font('bold').fontSize(30).text(c.title, 56, 60, { width, align: 'center' });
  doc
    .moveDown(0.3)
    .fillColor('#333')
    .font('regular')
    .fontSize(15)
    .text(c.subtitle, { width, align: 'center' });

  const qr = await qrPng(c.url, 900);
  const size = 300;
  const qrTop = doc.y + 24;
  doc.image(qr, (doc.page.width - size) / 2, qrTop, { width: size, height: size });
  doc.y = qrTop + size + 8;
  doc.fillColor('#b71c1c').font('bold').fontSize(22).text(c.call, 56, doc.y, { width, align: 'center' });
  doc.fillColor('#555').font('regular').fontSize(11).text(c.url, { width, align: 'center' });

  doc.moveDown(1.2).fillColor('#222').font('regular').fontSize(14);
  for (const line of c.lines) doc.text(line, { width, align: 'left', lineGap: 4 });
  doc.end();
  return done;
}
