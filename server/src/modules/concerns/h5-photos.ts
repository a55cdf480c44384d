import type { FastifyRequest } from 'fastify';
import { concernLimits } from '../../../../contracts/concerns.ts';
import type { Deps } from '../../deps.ts';
import { messagesFor } from '../../http/errors.ts';
import { AppError } from '../../http/errors.ts';
import { processPhoto } from './photos.ts';
import type { ProcessedPhoto } from './photos.ts';

// The no-script H5 form posts multipart/form-data when it carries photos: the fields, and
// up to 6 files, each through the same pipeline as the API (type from the bytes, size and
// pixel limits, EXIF stripped, thumbnail). A photo that fails is named in the message.

export type Upload = { name: string; data: Buffer };

const mb = Math.round(concernLimits.photoBytes / 1024 / 1024);

const tooMany = () =>
  new AppError('concerns.photo_limit', {
    vars: { n: concernLimits.photos },
    fields: [{ field: 'photos', problem: 'too_many', vars: { n: concernLimits.photos } }],
  });

/** The text fields of a body some other parser read (urlencoded, or JSON posted by hand). */
function stringFields(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/**
 * Fields and files of an H5 form post, urlencoded or multipart. A refusal while reading
 * (a file too large, too many) comes back with the fields read so far, so the form is
 * shown again with what the citizen typed.
 */
export async function readH5Form(
  req: FastifyRequest,
): Promise<{ fields: Record<string, string>; files: Upload[]; error?: AppError }> {
  if (!req.isMultipart()) return { fields: stringFields(req.body), files: [] };
  const fields: Record<string, string> = {};
  const files: Upload[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const data = await part.toBuffer();
      // An empty file input still sends a part, with no name and no bytes.
      if (!part.filename && data.length === 0) continue;
      if (part.fieldname === 'photos') files.push({ name: part.filename || `照片${files.length + 1}`, data });
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      return {
        fields,
        files: [],
        error: new AppError('concerns.photo_too_large', {
          vars: { n: mb },
          fields: [{ field: 'photos', problem: 'invalid' }],
        }),
      };
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
      return { fields, files: [], error: tooMany() };
    // Anything else is the body itself: no boundary, cut before its end, broken headers.
    // The form is shown again with the fields read so far.
    req.log.info({ err }, 'malformed form post');
    return { fields, files: [], error: new AppError('request.malformed_form') };
  }
  return files.length > concernLimits.photos ? { fields, files: [], error: tooMany() } : { fields, files };
}

/** Each photo through the pipeline; the first that fails is named by its number and file name. */
export async function processUploads(files: Upload[]): Promise<ProcessedPhoto[]> {
  const out: ProcessedPhoto[] = [];
  for (const [i, f] of files.entries()) {
    try {
      out.push(await processPhoto(f.data));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      throw new AppError('concerns.photo_rejected', {
        vars: { n: i + 1, name: f.name.slice(0, 60), reason: messagesFor(err.code, err.vars)['zh-CN'] },
        fields: [{ field: 'photos', problem: 'invalid' }],
      });
    }
  }
  return out;
}

export const multipartLimits = {
  fileSize: concernLimits.photoBytes,
  files: concernLimits.photos,
  fields: 20,
  fieldSize: 64 * 1024,
  parts: concernLimits.photos + 20,
};

// Photos kept between posts of one H5 form (migration 0015): the submit key is the form's
// random hidden field, so only that form can use them.

/** Keeps these processed photos for the form, instead of any kept before. */
export async function keepPhotos(deps: Deps, submitKey: string, photos: ProcessedPhoto[]): Promise<void> {
  await deps.db.tx(async (q) => {
    await q.query('delete from concern_photo_drafts where submit_key = $1', [submitKey]);
    for (const [i, p] of photos.entries())
      await q.query(
        `insert into concern_photo_drafts (submit_key, seq, source_type, width, height, bytes, thumb, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [submitKey, i + 1, p.type, p.width, p.height, p.bytes, p.thumb, deps.clock.now()],
      );
  });
}

/** The photos kept for the form, in the order chosen. */
export async function keptPhotos(deps: Deps, submitKey: string): Promise<ProcessedPhoto[]> {
  const rows = await deps.db.query<{
    source_type: ProcessedPhoto['type'];
    width: number;
    height: number;
    bytes: Uint8Array;
    thumb: Uint8Array;
  }>(
    `select source_type, width, height, bytes, thumb from concern_photo_drafts
      where submit_key = $1 and created_at > $2 order by seq`,
    [submitKey, new Date(deps.clock.now().getTime() - keptForMs)],
  );
  return rows.map((r) => ({
    type: r.source_type,
    width: r.width,
    height: r.height,
    bytes: Buffer.from(r.bytes),
    thumb: Buffer.from(r.thumb),
  }));
}

export async function keptPhotoCount(deps: Deps, submitKey: string): Promise<number> {
  const [row] = await deps.db.query<{ n: number }>(
    'select count(*)::int as n from concern_photo_drafts where submit_key = $1 and created_at > $2',
    [submitKey, new Date(deps.clock.now().getTime() - keptForMs)],
  );
  return row?.n ?? 0;
}

export const forgetKeptPhotos = (deps: Deps, submitKey: string) =>
  deps.db.query('delete from concern_photo_drafts where submit_key = $1', [submitKey]);

/** A day: the form is long closed by then (the sweep deletes older ones). */
export const keptForMs = 86400_000;
