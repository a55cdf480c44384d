import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { submittedConcern } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { sniffImage } from './photos.ts';

test('image types are read from the bytes', async () => {
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } })
    .png()
    .toBuffer();
  const jpg = await sharp(png).jpeg().toBuffer();
  const webp = await sharp(png).webp().toBuffer();
  assert.equal(sniffImage(png), 'image/png');
  assert.equal(sniffImage(jpg), 'image/jpeg');
  assert.equal(sniffImage(webp), 'image/webp');
  assert.equal(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
  assert.equal(sniffImage(Buffer.from('GIF89a')), undefined);
  assert.equal(sniffImage(Buffer.alloc(0)), undefined);
});

eachBackend('concern photos', (t) => {
  let memberCode: string;
  const ip = '10.7.7.7';
  const upload = (code: string, body: Buffer, type = 'image/jpeg') =>
    t().app.inject({
      method: 'POST',
      url: `/api/public/concerns/${code}/photos`,
      headers: { 'content-type': type, 'x-forwarded-for': ip },
      payload: body,
    });

  before(async () => {
    memberCode = 'PHOTO234';
    await t().memberWithCode('131121', memberCode);
    await t().account({ username: 'photostaff', role: 'staff', region: '131121' });
    await t().account({ username: 'elsewhere', role: 'staff', region: '131122' });
  });
  /** A concern of the test's own, just sent by a citizen: its tracking code and id. */
  const newConcern = async () => {
    const c = await submittedConcern(t(), { memberCode, category: 'environment', text: '河道里有垃圾' });
    return { tracking: c.trackingCode, concernId: c.id };
  };
  /** 3000×1500 as stored by the camera, with "rotate 90°" and identifying EXIF. */
  const phonePhoto = () =>
    sharp({ create: { width: 3000, height: 1500, channels: 3, background: '#3a7' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: 'SECRET-CAMERA-MAKE', Copyright: 'SECRET-OWNER' } })
      .toBuffer();
  const pngPhoto = () =>
    sharp({ create: { width: 50, height: 40, channels: 4, background: '#00f8' } })
      .png()
      .toBuffer();

  test('a phone photo is turned upright, shrunk, and stripped of EXIF; a thumbnail is made', async () => {
    const { tracking, concernId } = await newConcern();
    const original = await phonePhoto();
    assert.ok((await sharp(original).metadata()).exif, 'the test image does carry EXIF');
    assert.ok(original.includes('SECRET-OWNER'));
    const r = await upload(tracking, original);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), { seq: 1, width: 1024, height: 2048 });
    const [row] = await t().deps.db.query<{ bytes: Uint8Array; thumb: Uint8Array; source_type: string }>(
      'select bytes, thumb, source_type from concern_photos where concern_id = $1',
      [concernId],
    );
    const stored = Buffer.from(row!.bytes);
    const meta = await sharp(stored).metadata();
    assert.equal(meta.exif, undefined, 'no EXIF kept');
    assert.equal(meta.orientation, undefined);
    assert.ok(!stored.includes('SECRET-OWNER') && !stored.includes('SECRET-CAMERA-MAKE'));
    assert.equal(row!.source_type, 'image/jpeg');
    const thumb = await sharp(Buffer.from(row!.thumb)).metadata();
    assert.deepEqual([thumb.width, thumb.height, thumb.format], [160, 320, 'jpeg']);
  });

  test('the type comes from the content, not the header; junk, broken and oversized files are refused', async () => {
    const { tracking } = await newConcern();
    assert.equal((await upload(tracking, await phonePhoto())).json().seq, 1);
    const png = await pngPhoto();
    const lied = await upload(tracking, png, 'image/jpeg');
    assert.equal(lied.statusCode, 200, lied.body);
    assert.equal(lied.json().seq, 2);
    const html = await upload(tracking, Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
    assert.equal(html.statusCode, 415);
    assert.equal(html.json().error.code, 'concerns.photo_type');
    const jpeg = await sharp(png).jpeg().toBuffer();
    const broken = await upload(tracking, jpeg.subarray(0, 40));
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.code, 'concerns.photo_unreadable');
    const huge = Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024)]);
    assert.equal((await upload(tracking, huge)).statusCode, 413);
    assert.equal((await upload(tracking, jpeg, 'text/plain')).statusCode, 415);
    assert.equal((await upload('NOSUCHCODE', jpeg)).statusCode, 404);
  });

  test('the citizen and the handlers see the photos; other counties do not; at most 6', async () => {
    const { tracking, concernId } = await newConcern();
    assert.equal((await upload(tracking, await phonePhoto())).json().seq, 1);
    assert.equal((await upload(tracking, await pngPhoto(), 'image/jpeg')).json().seq, 2);
    const c = (await t().app.inject({ method: 'GET', url: `/api/public/concerns/${tracking}` })).json();
    assert.deepEqual(
      c.photos.map((p: { seq: number }) => p.seq),
      [1, 2],
    );
    const img = await t().app.inject({ method: 'GET', url: c.photos[0].thumbUrl });
    assert.equal(img.headers['content-type'], 'image/jpeg');
    assert.equal((await sharp(img.rawPayload).metadata()).width, 160);
    const page = await t().app.inject({ method: 'GET', url: `/t/${tracking}` });
    assert.ok(page.body.includes(`src="${c.photos[0].thumbUrl}"`));

    const staff = await t().login('photostaff');
    const d = (await staff.get(`/api/concerns/${concernId}`)).json();
    assert.equal(d.photos.length, 2);
    const full = await staff.get(d.photos[0].url);
    assert.equal(full.statusCode, 200);
    assert.equal((await sharp(full.rawPayload).metadata()).height, 2048);
    const other = await t().login('elsewhere');
    assert.equal((await other.get(d.photos[0].url)).statusCode, 404);

    const small = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    for (let seq = 3; seq <= 6; seq++) assert.equal((await upload(tracking, small)).json().seq, seq);
    const seventh = await upload(tracking, small);
    assert.equal(seventh.statusCode, 409);
    assert.equal(seventh.json().error.code, 'concerns.photo_limit');
    assert.match(seventh.json().error.message, /最多上传 6 张/);
  });

  test('no photos once the concern is closed', async () => {
    const { tracking, concernId } = await newConcern();
    await t().deps.db.query(`update concerns set status = 'closed' where id = $1`, [concernId]);
    const small = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    const r = await upload(tracking, small);
    assert.equal(r.json().error.code, 'concerns.bad_state');
  });

  test('a photo to an unknown or closed code is refused before the image is decoded', async () => {
    const send = (code: string, body: Buffer) =>
      t().app.inject({
        method: 'POST',
        url: `/api/public/concerns/${code}/photos`,
        headers: { 'content-type': 'image/jpeg', 'x-forwarded-for': '10.7.7.8' },
        payload: body,
      });
    // Bytes that begin like a JPEG and PNG but do not decode (a decoder answers 400), and a
    // PNG whose header claims 60000×60000 pixels (the pixel limit answers 400 after decoding
    // the header): neither is looked at for a code that takes no photo.
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4 * 1024 * 1024, 7)]);
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(60_000, 0);
    ihdr.writeUInt32BE(60_000, 4);
    ihdr.writeUInt8(8, 8);
    ihdr.writeUInt8(6, 9);
    const bomb = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      Buffer.from('IHDR'),
      ihdr,
      Buffer.alloc(4),
    ]);
    const { tracking, concernId } = await newConcern();
    for (const body of [garbage, bomb, Buffer.from('not an image at all')]) {
      const r = await send('NOSUCHCODE', body);
      assert.equal(r.statusCode, 404, r.body);
      assert.equal(r.json().error.code, 'concerns.not_found');
    }
    // The same bytes on an open concern are decoded, and refused for what they are.
    assert.equal((await send(tracking, garbage)).json().error.code, 'concerns.photo_unreadable');
    assert.equal((await send(tracking, bomb)).statusCode, 400);
    await t().deps.db.query(`update concerns set status = 'closed' where id = $1`, [concernId]);
    assert.equal((await send(tracking, garbage)).json().error.code, 'concerns.bad_state');
  });
});
