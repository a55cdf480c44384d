import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS whose types claim an ES default export; at run time the import is the function.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** Decodes the QR code in a PNG with an ordinary decoder (jsQR). */
export function decodeQrPng(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null;
}

/** Renders page 1 of a PDF with poppler (as a printer would) and decodes its QR code. */
export function decodeQrPdf(pdf: Buffer): string | null {
  const dir = mkdtempSync(path.join(tmpdir(), 'lx-pdf-'));
  try {
    writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '100',
      '-f',
      '1',
      '-l',
      '1',
      path.join(dir, 'in.pdf'),
      path.join(dir, 'page'),
    ]);
    const page = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
    return decodeQrPng(readFileSync(path.join(dir, page)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF as poppler extracts it. */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
}
