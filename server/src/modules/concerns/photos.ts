import sharp from 'sharp';
import { citizenActor, concernWorkflow } from '../../../../contracts/concern-workflow.ts';
import { concernLimits } from '../../../../contracts/concerns.ts';
import { assertTransition } from '../../../../contracts/workflow.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { hitLimits } from '../../http/rate-limit.ts';
import { audit, concernSubject } from './common.ts';
import { concernByTracking, concernReadable } from './queries.ts';

// Photos from citizens' phones. The type is read from the bytes (a header can say
// anything); the image is decoded with a pixel limit (no decompression bombs), turned
// upright, shrunk, and re-encoded, which drops EXIF (GPS position, device) and anything
// appended to the file. Only the re-encoded image and a thumbnail are kept.

const maxPixels = 50_000_000;
const longSide = 2048;
const thumbSide = 320;

export function sniffImage(b: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return undefined;
}

export async function processPhoto(input: Buffer) {
  const type = sniffImage(input);
  if (!type) throw new AppError('concerns.photo_type');
  try {
    const base = () => sharp(input, { limitInputPixels: maxPixels, failOn: 'error' }).rotate();
    const full = await base()
      .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(full.data)
      .resize({ width: thumbSide, height: thumbSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
    return { type, bytes: full.data, width: full.info.width, height: full.info.height, thumb };
  } catch {
    throw new AppError('concerns.photo_unreadable');
  }
}

/** The concern of this code, if it takes one more photo now, and the photos it has. */
async function acceptsPhoto(q: Queryable, trackingCode: string, lock = false) {
  const k = await concernByTracking(q, trackingCode, lock);
  if (!k) throw new AppError('concerns.not_found');
  assertTransition(concernWorkflow, 'addPhoto', concernSubject(k), citizenActor, AppError);
  const [{ n } = { n: 0 }] = await q.query<{ n: number }>(
    'select count(*)::int as n from concern_photos where concern_id = $1',
    [k.id],
  );
  if (n >= concernLimits.photos)
    throw new AppError('concerns.photo_limit', { vars: { n: concernLimits.photos } });
  return { k, n };
}

/** The citizen adds a photo to their open concern (by tracking code). */
export async function addPhoto(deps: Deps, trackingCode: string, input: Buffer, ip: string) {
  await hitLimits(deps, [{ bucket: `concern-photo:ip:${ip}`, max: 30, windowSeconds: 3600 }]);
  // The code, the state and the count are checked before the image is decoded: decoding is
  // the costly step, and bytes posted to a code that takes no photo are never looked at.
  await acceptsPhoto(deps.db, trackingCode);
  const p = await processPhoto(input); // outside the transaction: it takes a while
  return deps.db.tx(async (q) => {
    // Again under the row lock: the concern may have closed, or filled up, meanwhile.
    const { k, n } = await acceptsPhoto(q, trackingCode, true);
    const seq = n + 1;
    await insertPhotos(q, deps, k.id, [p], seq);
    await audit(deps, q, {
      ip,
      action: 'concerns.add_photo',
      committeeId: k.committee_id,
      targetId: k.id,
      detail: { seq, sourceType: p.type },
    });
    return { seq, width: p.width, height: p.height };
  });
}

export type ProcessedPhoto = Awaited<ReturnType<typeof processPhoto>>;

/** Processed photos stored for a concern, numbered from `firstSeq` (a submission's from 1). */
export async function insertPhotos(
  q: Queryable,
  deps: Deps,
  concernId: string,
  photos: ProcessedPhoto[],
  firstSeq = 1,
) {
  for (const [i, p] of photos.entries())
    await q.query(
      `insert into concern_photos (id, concern_id, seq, source_type, width, height, bytes, thumb, size, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        deps.ids.uuid(),
        concernId,
        firstSeq + i,
        p.type,
        p.width,
        p.height,
        p.bytes,
        p.thumb,
        p.bytes.length,
        deps.clock.now(),
      ],
    );
}

export type PhotoMeta = { id: string; seq: number; width: number; height: number };

export async function photosOf(q: Queryable, concernId: string): Promise<PhotoMeta[]> {
  return q.query<PhotoMeta>(
    'select id, seq, width, height from concern_photos where concern_id = $1 order by seq',
    [concernId],
  );
}

const readPhoto = async (q: Queryable, where: string, params: unknown[], thumb: boolean) => {
  const [row] = await q.query<{ data: Uint8Array }>(
    `select ${thumb ? 'thumb' : 'bytes'} as data from concern_photos where ${where}`,
    params,
  );
  if (!row) throw new AppError('concerns.not_found');
  return Buffer.from(row.data);
};

/** For the citizen, by tracking code and number. */
export async function publicPhoto(deps: Deps, trackingCode: string, seq: number, thumb: boolean) {
  const k = await concernByTracking(deps.db, trackingCode);
  if (!k) throw new AppError('concerns.not_found');
  return readPhoto(deps.db, 'concern_id = $1 and seq = $2', [k.id, seq], thumb);
}

/** For members and staff who reach the concern, also read-only (who passed it on follows it). */
export async function handlerPhoto(deps: Deps, actor: Actor, id: string, photoId: string, thumb: boolean) {
  assertCan(actor, 'concerns.handle');
  if (!(await concernReadable(deps.db, actor, id))) throw new AppError('concerns.not_found');
  return readPhoto(deps.db, 'concern_id = $1 and id = $2', [id, photoId], thumb);
}
