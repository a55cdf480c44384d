import assert from 'node:assert/strict';
import { test } from 'node:test';
import { processUploads } from '../modules/concerns/h5-photos.ts';
import { AppError, errorBodyOf } from './errors.ts';

// A message that carries another one (why a photo was refused) carries it in its own
// language: the English body has no Chinese part, the Chinese one its full-width brackets.
test('a nested message is filled in each language', async () => {
  const err = await processUploads([{ name: 'note.jpg', data: Buffer.from('not an image') }]).catch(
    (e: unknown) => e,
  );
  assert.ok(err instanceof AppError);
  assert.equal(
    errorBodyOf(err, 'en').error.message,
    'Photo 1 (note.jpg) was not accepted: Photos must be JPEG, PNG or WebP',
  );
  assert.equal(
    errorBodyOf(err, 'zh-CN').error.message,
    '第 1 张照片（note.jpg）未能上传：只能上传 JPEG、PNG 或 WebP 格式的照片',
  );
});
