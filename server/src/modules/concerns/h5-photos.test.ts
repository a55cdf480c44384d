import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { eachBackend } from '../../test-support/suite.ts';

// The no-script H5 form with a photo field: multipart/form-data, up to 6 photos, each
// through the photo pipeline; a bad photo sends the form back with the text kept.
eachBackend('photos on the H5 form', (t) => {
  const code = 'FORMPH23';
  const text = '小区东门的井盖松动了，晚上看不清，<b>已有人崴脚</b>。';
  let jpeg: Buffer;
  let ipSeq = 0;

  type Part =
    { name: string; value: string } | { name: string; filename: string; type: string; data: Buffer };
  function multipart(parts: Part[]) {
    const boundary = `----lx${Math.random().toString(16).slice(2)}`;
    const chunks: Buffer[] = [];
    for (const p of parts) {
      const head =
        'data' in p
          ? `Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type}\r\n`
          : `Content-Disposition: form-data; name="${p.name}"\r\n`;
      chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`, 'utf8'));
      chunks.push('data' in p ? p.data : Buffer.from(p.value, 'utf8'));
      chunks.push(Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { boundary, body: Buffer.concat(chunks) };
  }
  const fields = (k: string): Part[] => [
    { name: 'k', value: k },
    { name: 'category', value: 'governance' },
    { name: 'text', value: text },
    { name: 'place', value: '幸福小区' },
    { name: 'action', value: 'submit' },
  ];
  const post = (parts: Part[]) => {
    const m = multipart(parts);
    return t().app.inject({
      method: 'POST',
      url: `/m/${code}/concern`,
      headers: {
        'content-type': `multipart/form-data; boundary=${m.boundary}`,
        'x-forwarded-for': `10.11.0.${++ipSeq}`,
      },
      payload: m.body,
    });
  };
  const photo = (filename: string, data = jpeg): Part => ({
    name: 'photos',
    filename,
    type: 'image/jpeg',
    data,
  });
  const concerns = async () => (await t().deps.db.query('select 1 from concerns')).length;

  before(async () => {
    await t().memberWithCode('131121', code);
    // A camera photo with a GPS position in its EXIF.
    jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#48a' } })
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 44/1 0/1' } })
      .jpeg()
      .toBuffer();
    assert.ok((await sharp(jpeg).metadata()).exif, 'the test photo carries EXIF');
  });

  test('the form offers the photo field and posts multipart', async () => {
    const page = await t().app.inject({ method: 'GET', url: `/m/${code}/concern` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, /<input id="photos" name="photos" type="file" accept="image\/\*" multiple>/);
    assert.match(page.body, /最多 6 张/);
  });

  test('a bad photo re-renders the form with the text kept and the photo named; nothing stored', async () => {
    const before = await concerns();
    const r = await post([
      ...fields('a'.repeat(24)),
      photo('路口.jpg'),
      photo('说明.jpg', Buffer.from('not an image')),
    ]);
    assert.equal(r.statusCode, 400, r.body);
    assert.match(r.body, /第 2 张照片（说明\.jpg）未能上传：只能上传 JPEG、PNG 或 WebP 格式的照片/);
    assert.ok(
      r.body.includes('小区东门的井盖松动了，晚上看不清，&lt;b&gt;已有人崴脚&lt;/b&gt;。'),
      'text kept, inert',
    );
    assert.ok(r.body.includes('value="幸福小区"'));
    assert.equal(await concerns(), before);
  });

  test('more than 6 photos, or one too large, is refused the same way', async () => {
    const before = await concerns();
    const seven = await post([
      ...fields('b'.repeat(24)),
      ...Array.from({ length: 7 }, (_, i) => photo(`${i}.jpg`)),
    ]);
    assert.equal(seven.statusCode, 409, seven.body);
    assert.match(seven.body, /每条诉求最多上传 6 张照片/);
    // Counted in photos, not characters.
    assert.match(seven.body, /照片：最多 6 项/);
    assert.doesNotMatch(seven.body, /字符/);
    assert.ok(seven.body.includes('井盖松动'));
    const huge = await post([
      ...fields('c'.repeat(24)),
      photo('大图.jpg', Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024)])),
    ]);
    assert.equal(huge.statusCode, 413, huge.body);
    assert.match(huge.body, /照片过大，每张不能超过 10 MB/);
    assert.ok(huge.body.includes('井盖松动'));
    assert.equal(await concerns(), before);
  });

  test('good photos are stored with the concern, EXIF stripped, thumbnails made; an empty file input is fine', async () => {
    const r = await post([...fields('d'.repeat(24)), photo('1.jpg'), photo('2.jpg')]);
    assert.equal(r.statusCode, 303, r.body);
    const tracking = /\/t\/([A-Z0-9]+)\?new=1/.exec(String(r.headers.location))![1]!;
    const rows = await t().deps.db.query<{ seq: number; bytes: Uint8Array; thumb: Uint8Array }>(
      `select p.seq, p.bytes, p.thumb from concern_photos p join concerns k on k.id = p.concern_id
        where k.tracking_code = $1 order by p.seq`,
      [tracking],
    );
    assert.deepEqual(
      rows.map((x) => x.seq),
      [1, 2],
    );
    for (const x of rows) {
      assert.equal((await sharp(Buffer.from(x.bytes)).metadata()).exif, undefined);
      assert.ok(x.thumb.length > 0);
    }
    const audit = await t().deps.db.query<{ detail: { photos: number } }>(
      `select a.detail from audit_log a join concerns k on k.id::text = a.target_id
        where a.action = 'concerns.submit' and k.tracking_code = $1`,
      [tracking],
    );
    assert.equal(audit[0]!.detail.photos, 2);
    const none = await post([
      ...fields('e'.repeat(24)),
      { name: 'photos', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) },
    ]);
    assert.equal(none.statusCode, 303, none.body);
    // The same form posted again (double tap): one concern, same answer.
    const again = await post([...fields('d'.repeat(24)), photo('1.jpg'), photo('2.jpg')]);
    assert.equal(again.headers.location, r.headers.location);
  });

  test('photos chosen before asking for the SMS code, or before a refusal, are kept for the form and go with it', async () => {
    const key = 'f'.repeat(24);
    const phone = '13912345678';
    const without = (name: string) => fields(key).filter((p) => p.name !== name);
    const codePost = await post([
      ...without('action'),
      { name: 'action', value: 'code' },
      { name: 'phone', value: phone },
      photo('1.jpg'),
      photo('2.jpg'),
    ]);
    assert.equal(codePost.statusCode, 200, codePost.body);
    assert.match(codePost.body, /验证码已发送/);
    assert.match(codePost.body, /已保留您选择的 2 张照片/);
    assert.match(codePost.body, /<input type="hidden" name="kept" value="2">/);
    const smsCode = /(\d{6})/.exec(t().sms.last(phone)!.text)![1]!;
    // Sent without the consent box ticked: refused, the two photos still kept.
    const refused = await post([
      ...fields(key),
      { name: 'phone', value: phone },
      { name: 'smsCode', value: smsCode },
      { name: 'kept', value: '2' },
    ]);
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(refused.body, /已保留您选择的 2 张照片/);
    const sent = await post([
      ...fields(key),
      { name: 'phone', value: phone },
      { name: 'smsCode', value: smsCode },
      { name: 'consent', value: '1' },
      { name: 'kept', value: '2' },
    ]);
    assert.equal(sent.statusCode, 303, sent.body);
    const tracking = /\/t\/([A-Z0-9]+)\?new=1/.exec(String(sent.headers.location))![1]!;
    const rows = await t().deps.db.query<{ bytes: Uint8Array }>(
      `select p.bytes from concern_photos p join concerns k on k.id = p.concern_id where k.tracking_code = $1`,
      [tracking],
    );
    assert.equal(rows.length, 2);
    for (const x of rows) assert.equal((await sharp(Buffer.from(x.bytes)).metadata()).exif, undefined);
    assert.deepEqual(
      await t().deps.db.query('select 1 from concern_photo_drafts where submit_key = $1', [key]),
      [],
    );
  });

  test('kept photos of a form never sent are swept after a day (with the deadline sweep)', async () => {
    const { concernJobHandlers, deadlineCheckKind } = await import('./deadlines.ts');
    const { keepPhotos, keptPhotos } = await import('./h5-photos.ts');
    const { processPhoto } = await import('./photos.ts');
    const key = '9'.repeat(24);
    await keepPhotos(t().deps, key, [await processPhoto(jpeg)]);
    assert.equal((await keptPhotos(t().deps, key)).length, 1);
    const sweep = () =>
      concernJobHandlers[deadlineCheckKind]!({ q: t().deps.db, deps: t().deps, job: {} as never });
    await sweep();
    assert.equal((await keptPhotos(t().deps, key)).length, 1, 'a fresh one stays');
    t().clock.advance(86400_000 + 1000);
    try {
      assert.equal((await keptPhotos(t().deps, key)).length, 0, 'too old to be used');
      await sweep();
      assert.deepEqual(
        await t().deps.db.query('select 1 from concern_photo_drafts where submit_key = $1', [key]),
        [],
      );
    } finally {
      t().clock.advance(-(86400_000 + 1000));
    }
  });

  test('one address gets photos kept for 20 refused forms an hour, not more', async () => {
    const ip = '10.12.0.1';
    const refusedWithPhoto = (i: number) => {
      const m = multipart([
        ...fields(String(i).padStart(24, '0')).filter((p) => p.name !== 'text'),
        { name: 'text', value: '' },
        photo('1.jpg'),
      ]);
      return t().app.inject({
        method: 'POST',
        url: `/m/${code}/concern`,
        headers: { 'content-type': `multipart/form-data; boundary=${m.boundary}`, 'x-forwarded-for': ip },
        payload: m.body,
      });
    };
    for (let i = 0; i < 20; i++) {
      const r = await refusedWithPhoto(i);
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /已保留您选择的 1 张照片/, `form ${i + 1}`);
    }
    const over = await refusedWithPhoto(20);
    assert.equal(over.statusCode, 400, 'still the form with its message, not a 429');
    assert.ok(!over.body.includes('已保留'));
    assert.deepEqual(
      await t().deps.db.query('select 1 from concern_photo_drafts where submit_key = $1', [
        '20'.padStart(24, '0'),
      ]),
      [],
    );
  });
});
