import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { chinaTime } from '../../../../contracts/china-time.ts';
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

/** "12月10日 09:00–11:30" in China time: a duty occurrence as a poster prints it. */
export function dutySpan(startsAt: string, endsAt: string): string {
  const s = chinaTime(startsAt, 'minute');
  return `${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日 ${s.slice(11)}–${chinaTime(endsAt, 'minute').slice(11)}`;
}

export const qrPng = (url: string, width = 600) =>
  QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width });
export const qrSvg = (url: string) =>
  QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

export type PosterContent = {
  title: string; // studio or member name
  subtitle: string; // committee, kind or sector
  url: string;
  call: string; // 扫码找委员 · 码上反映
  /** Two short lines beside the code: what to do with it. */
  howTo: [string, string];
  hotline?: string | null;
  /** Blocks under the code, in order: who is on duty when, the address, what it offers. */
  sections: { heading: string; lines: string[] }[];
};

// Where a studio's name may break onto a second line: after a place (县, 镇, 街道 …) or a
// sector, or before the kind of place it is (委员工作室, 工作室, 之家), never inside a word.
const breakAfter = /(省|市|县|区|旗|镇|乡|街道|社区|村|界别|联络组|·|\s)/g;
const breakBefore = /(委员工作室|委员之家|委员会客厅|工作室|之家|会客厅|联络站)/g;

/** Where a title may be broken: indexes of the second line's first character. */
export function titleBreaks(title: string): number[] {
  const at = new Set<number>();
  for (const m of title.matchAll(breakAfter)) at.add(m.index + m[0].length);
  for (const m of title.matchAll(breakBefore)) at.add(m.index);
  return [...at].filter((i) => i > 1 && i < title.length - 1).sort((a, b) => a - b);
}

/**
 * The title's lines and font size: one line as large as fits (down to `min`), else two
 * lines broken at the sensible point that balances them, at the size both fit. A name with
 * no such point is shrunk to one line, so a word ("工作室") is never split.
 */
export function fitTitle(
  title: string,
  widthAt: (text: string, size: number) => number,
  width: number,
  o: { max: number; min: number; floor: number },
): { lines: string[]; size: number } {
  const oneLine = Math.min(o.max, (o.max * width) / widthAt(title, o.max));
  if (oneLine >= o.min) return { lines: [title], size: Math.floor(oneLine * 10) / 10 };
  let best: { lines: string[]; size: number } | undefined;
  for (const i of titleBreaks(title)) {
    const lines = [title.slice(0, i).trim(), title.slice(i).trim()];
    const widest = Math.max(...lines.map((l) => widthAt(l, o.max)));
    const size = Math.min(o.max, (o.max * width) / widest);
    if (!best || size > best.size) best = { lines, size: Math.floor(size * 10) / 10 };
  }
  if (best && best.size > oneLine) return best;
  return { lines: [title], size: Math.max(o.floor, Math.floor(oneLine * 10) / 10) };
}

const red = '#b71c1c';
const margin = 48;

export async function posterPdf(c: PosterContent): Promise<Buffer> {
  // Bottom margin small: the footer sits near the edge; the blocks above are fitted by hand.
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, left: margin, right: margin, bottom: 16 },
    info: { Title: c.title, Creator: 'Lianxin 连心' },
  });
  doc.registerFont('regular', fontRegular);
  doc.registerFont('bold', fontBold);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const pageW = doc.page.width;
  const pageH = doc.page.height;
  const width = pageW - 2 * margin;

  doc.rect(0, 0, pageW, 16).fill(red);
  const widthAt = (t: string, size: number) => doc.font('bold').fontSize(size).widthOfString(t);
  const title = fitTitle(c.title, widthAt, width, { max: 34, min: 26, floor: 16 });
  let y = 44;
  doc.fillColor(red).font('bold').fontSize(title.size);
  for (const line of title.lines) {
    doc.text(line, margin, y, { width, align: 'center', lineBreak: false });
    y += title.size * 1.35;
  }
  doc.fillColor('#333').font('regular').fontSize(14);
  doc.text(c.subtitle, margin, y + 2, { width, align: 'center', lineBreak: false });
  y += 30;
  doc
    .moveTo(margin, y)
    .lineTo(pageW - margin, y)
    .lineWidth(1)
    .strokeColor(red)
    .stroke();

  // The blocks under the code are measured first: the code takes the room they leave, so a
  // short poster has a larger code instead of an empty bottom.
  const footerTop = pageH - 64;
  const blockW = width;
  const measure = () => {
    let h = 0;
    for (const s of c.sections) {
      h += 28;
      doc.font('regular').fontSize(14);
      for (const l of s.lines) h += doc.heightOfString(l, { width: blockW, lineGap: 3 });
      h += 8;
    }
    return h;
  };
  const blocks = measure();
  const room = footerTop - 16 - (y + 20) - blocks;
  const qrSize = Math.max(190, Math.min(280, room - 16));
  const qrTop = y + 20;
  const qr = await qrPng(c.url, 900);
  doc.image(qr, margin, qrTop, { width: qrSize, height: qrSize });

  // Beside the code: the call, the two-line how-to, and the hotline for those who would call.
  const sideX = margin + qrSize + 24;
  const sideW = pageW - margin - sideX;
  let sy = qrTop + 12;
  doc.fillColor(red).font('bold').fontSize(22);
  for (const part of c.call.split(' · ')) {
    doc.text(part, sideX, sy, { width: sideW, lineBreak: false });
    sy += 32;
  }
  sy += 8;
  doc.fillColor('#222').font('regular').fontSize(14);
  c.howTo.forEach((line, i) => {
    doc.text(`${i + 1}. ${line}`, sideX, sy, { width: sideW, lineGap: 2 });
    sy = doc.y + 6;
  });
  if (c.hotline) {
    sy += 10;
    doc.fillColor('#333').font('regular').fontSize(13).text('联系电话', sideX, sy, { width: sideW });
    doc
      .fillColor(red)
      .font('bold')
      .fontSize(20)
      .text(c.hotline, sideX, doc.y, { width: sideW, lineBreak: false });
  }

  y = Math.max(qrTop + qrSize, sy) + 16;
  for (const s of c.sections) {
    if (y > footerTop - 40) break;
    doc.fillColor(red).font('bold').fontSize(17).text(s.heading, margin, y, { width: blockW });
    y = doc.y + 2;
    doc.fillColor('#222').font('regular').fontSize(14);
    for (const l of s.lines) {
      const h = doc.heightOfString(l, { width: blockW, lineGap: 3 });
      if (y + h > footerTop - 8) break;
      doc.text(l, margin, y, { width: blockW, lineGap: 3 });
      y = doc.y;
    }
    y += 8;
  }

  doc
    .moveTo(margin, footerTop)
    .lineTo(pageW - margin, footerTop)
    .lineWidth(0.5)
    .strokeColor('#999')
    .stroke();
  doc.fillColor('#555').font('regular').fontSize(10);
  doc.text(c.url, margin, footerTop + 10, { width, align: 'center', lineBreak: false });
  doc.rect(0, pageH - 16, pageW, 16).fill(red);
  doc.end();
  return done;
}
