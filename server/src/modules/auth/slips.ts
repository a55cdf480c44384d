import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

// Sealed slips (密码条) for initial passwords: one slip per member, eight to an A4 page (2 × 4),
// dashed cut lines between them, so an office prints, cuts, folds and hands each member their
// own. Set in Noto Sans SC as the studio posters are; the username and password in Courier, where
// l/1 and O/0 differ at a glance. The PDF exists only in the answer that made the accounts.
const require = createRequire(import.meta.url);
const fontRegular = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const fontBold = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

export type Slip = { name: string; committeeName: string; username: string; password: string };

const columns = 2;
const rows = 4;
export const slipsPerPage = columns * rows;
const margin = 28;

export async function slipsPdf(slips: Slip[], loginUrl: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    autoFirstPage: false,
    info: { Title: '委员账号初始密码', Creator: 'Lianxin 连心' },
  });
  doc.registerFont('regular', fontRegular);
  doc.registerFont('bold', fontBold);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  slips.forEach((s, i) => {
    const at = i % slipsPerPage;
    if (at === 0) {
      doc.addPage();
      cutLines(doc);
    }
    const w = (doc.page.width - 2 * margin) / columns;
    const h = (doc.page.height - 2 * margin) / rows;
    slip(doc, s, loginUrl, margin + (at % columns) * w, margin + Math.floor(at / columns) * h, w, h);
  });
  doc.end();
  return done;
}

function cutLines(doc: PDFKit.PDFDocument) {
  const { width, height } = doc.page;
  doc.save().lineWidth(0.6).dash(4, { space: 3 }).strokeColor('#888');
  for (let c = 0; c <= columns; c++) {
    const x = margin + (c * (width - 2 * margin)) / columns;
    doc
      .moveTo(x, margin / 2)
      .lineTo(x, height - margin / 2)
      .stroke();
  }
  for (let r = 0; r <= rows; r++) {
    const y = margin + (r * (height - 2 * margin)) / rows;
    doc
      .moveTo(margin / 2, y)
      .lineTo(width - margin / 2, y)
      .stroke();
  }
  doc.restore();
}

function slip(
  doc: PDFKit.PDFDocument,
  s: Slip,
  loginUrl: string,
  x: number,
  y: number,
  w: number,
  h: number,
) {
  const pad = 14;
  const inner = w - 2 * pad;
  doc.fillColor('#b71c1c').font('bold').fontSize(12);
  doc.text('连心 · 委员账号（密封）', x + pad, y + pad, { width: inner });
  doc
    .fillColor('#222')
    .font('bold')
    .fontSize(15)
    .text(s.name, x + pad, y + pad + 22, { width: inner });
  doc.font('regular').fontSize(9.5).fillColor('#444').text(s.committeeName, { width: inner });
  const field = (label: string, value: string, top: number) => {
    doc
      .font('regular')
      .fontSize(10)
      .fillColor('#444')
      .text(label, x + pad, top, { width: 64 });
    doc
      .font('Courier-Bold')
      .fontSize(14)
      .fillColor('#000')
      .text(value, x + pad + 64, top - 2, {
        width: inner - 64,
      });
  };
  field('用户名', s.username, y + pad + 72);
  field('初始密码', s.password, y + pad + 96);
  doc
    .font('bold')
    .fontSize(11)
    .fillColor('#b71c1c')
    .text('首次登录须修改密码', x + pad, y + pad + 124, {
      width: inner,
    });
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor('#555')
    .text(`登录地址：${loginUrl}`, x + pad, y + h - pad - 24, {
      width: inner,
    });
  doc.text('本条仅交委员本人，请勿转交或拍照', { width: inner });
}
