import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import { approvedStudio, publicClient, unique } from '../../test-support/fixtures.ts';
import { decodeQrPdf, pdfText } from '../../test-support/qr.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { fitTitle, titleBreaks } from './poster.ts';

// The poster an office pins up: a long studio name fits without leaving "作室" alone on a
// line; the page says who is on duty when, where, and whom to call; the code still scans.

const require = createRequire(import.meta.url);
const bold = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');
const doc = new PDFDocument({ size: 'A4' });
doc.registerFont('bold', bold);
const widthAt = (t: string, size: number) => doc.font('bold').fontSize(size).widthOfString(t);
const a4Width = 595.28 - 96;
const fit = (t: string) => fitTitle(t, widthAt, a4Width, { max: 34, min: 26, floor: 16 });

test('a short name stays on one line at the largest size', () => {
  assert.deepEqual(fit('肖张镇委员工作室'), { lines: ['肖张镇委员工作室'], size: 34 });
});

test('a long name breaks after its place or before 委员工作室, never inside a word', () => {
  for (const name of [
    '枣强县肖张镇马屯村乡村振兴委员工作室',
    '衡水市桃城区河东街道社区治理与民生服务委员工作室',
    '政协枣强县委员会经济界别产业链协同发展委员之家',
    '枣强县大营镇皮毛产业链委员工作室（第二联络站）',
  ]) {
    const { lines, size } = fit(name);
    assert.equal(lines.join(''), name.replace(/\s/g, ''));
    for (const l of lines) {
      assert.ok(widthAt(l, size) <= a4Width + 0.5, `${l} fits at ${size}pt`);
      assert.ok(l.length >= 4, `no short remnant: ${JSON.stringify(lines)}`);
      assert.ok(!/^(作室|室|工作室)/.test(l) || lines.length === 1, `a word is not split: ${lines}`);
    }
    assert.ok(size >= 20, `${name} at ${size}pt`);
  }
});

test('break points are only at places and before the kind of studio', () => {
  const name = '枣强县肖张镇委员工作室';
  assert.deepEqual(
    titleBreaks(name).map((i) => name.slice(i)),
    // Before 委员工作室 as a whole: "委员" is not left at the end of the first line.
    ['肖张镇委员工作室', '委员工作室'],
  );
});

/** Words of page 1 with their vertical position (pdftotext -bbox), in points from the top. */
const wordsOf = (pdf: Buffer) =>
  [
    ...execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', '-', '-'], { input: pdf })
      .toString('utf8')
      .matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<\/word>/g),
  ].map((m) => ({ y: Number(m[1]), text: m[2]! }));

eachBackend('studios: the poster and the public page', (t) => {
  test('the poster carries name, duty with names, address, hotline and a how-to; the code decodes; no empty bottom', async () => {
    const name = unique('枣强县肖张镇马屯村乡村振兴委员工作室');
    const st = await approvedStudio(t(), { name, members: 2 });
    const s = st.staff.session;
    const patch = await s.send('PATCH', `/api/studios/${st.id}`, {
      address: '枣强县肖张镇人民政府院内二楼',
      hotline: '0318-8221234',
      openingHours: '每周三 9:00–11:30',
      services: '农业技术咨询、法律援助、就医就学政策解答',
    });
    assert.equal(patch.statusCode, 200, patch.body);
    const rule = await s.send('POST', `/api/studios/${st.id}/duty-rules`, {
      freq: 'weekly',
      day: 3,
      startTime: '09:00',
      endTime: '11:30',
      personIds: st.members.map((m) => m.personId),
      validFrom: '2026-01-01',
    });
    assert.equal(rule.statusCode, 200, rule.body);

    const pdf = await s.get(`/api/studios/${st.id}/poster.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.ok(
      String(pdf.headers['content-disposition']).endsWith(`''${encodeURIComponent(`${name}-海报.pdf`)}`),
    );
    const body = pdf.rawPayload;
    assert.equal(decodeQrPdf(body), `${t().deps.settings.publicBaseUrl}/s/${st.code}`);
    const info = execFileSync('pdfinfo', ['-'], { input: body }).toString('utf8');
    assert.match(info, /Pages:\s+1\n/, 'one A4 page');
    const text = pdfText(body);
    const flat = text.replace(/\s+/g, '');
    assert.ok(flat.includes(name.replace(/\s/g, '')), 'the whole name');
    for (const line of text.split('\n')) assert.notEqual(line.trim(), '作室', 'no "作室" alone on a line');
    for (const want of [
      '每周三 09:00–11:30',
      ...st.members.map((m) => m.name),
      '枣强县肖张镇人民政府院内二楼',
      '0318-8221234',
      '微信扫一扫左边的二维码',
      '凭查询码查看办理进度',
    ])
      assert.ok(flat.includes(want.replace(/\s/g, '')), `the poster says ${want}:\n${text}`);
    // The bottom third carries the studio's facts, not only the footer's address.
    const lowest = wordsOf(body).filter((w) => w.y > (841.89 * 2) / 3 && !w.text.startsWith('http'));
    const chars = lowest.map((w) => w.text).join('');
    assert.ok(chars.length >= 20, `text in the bottom third: ${chars}`);
  });

  test('the public page links the address to a map and the hotline to the phone', async () => {
    const st = await approvedStudio(t(), { members: 1 });
    const patch = await st.staff.session.send('PATCH', `/api/studios/${st.id}`, {
      address: '枣强县肖张镇政府东街 8 号',
      hotline: '0318-8221234 转 8',
      lat: 37.5,
      lng: 115.7,
    });
    assert.equal(patch.statusCode, 200, patch.body);
    const page = await publicClient(t()).pub('GET', `/s/${st.code}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('枣强县肖张镇政府东街 8 号'));
    assert.match(page.body, /href="https:\/\/uri\.amap\.com\/marker\?position=115\.7,37\.5&amp;name=/);
    assert.ok(page.body.includes('href="tel:03188221234"'), 'dials the number without the extension');
    assert.ok(page.body.includes('0318-8221234 转 8'));
    const bad = await st.staff.session.send('PATCH', `/api/studios/${st.id}`, { hotline: '请拨打县政协' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].field, 'body.hotline');
  });
});
