import type { FastifyRequest } from 'fastify';
import { concernLimits } from '../../../../contracts/concerns.ts';
import type { Deps } from '../../deps.ts';
import { messagesFor } from '../../http/errors.ts';
import { AppError } from '../../http/errors.ts';
import type { FieldError } from '../../http/errors.ts';
import { decodeField, formFields } from '../../http/form-body.ts';
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

/** Fields refused for ill-formed text: the form comes back with them named. */
const illFormed = (problems: FieldError[]) =>
  problems.length ? { error: new AppError('request.invalid', { fields: problems }) } : {};

/**
 * Fields and files of an H5 form post, urlencoded or multipart. A refusal while reading
 * (a file too large, too many) comes back with the fields read so far, so the form is
 * shown again with what the citizen typed.
 */
export async function readH5Form(
  req: FastifyRequest,
): Promise<{ fields: Record<string, string>; files: Upload[]; error?: AppError }> {
  if (!req.isMultipart()) {
    const { fields, problems } = formFields(req.body);
    return { fields, files: [], ...illFormed(problems) };
  }
  const fields: Record<string, string> = {};
  const problems: FieldError[] = [];
  const files: Upload[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        // Read as latin-1 (multipartOptions.defCharset), i.e. the bytes: decoded strictly here.
        if (typeof part.value !== 'string') continue;
        const { text, ok } = decodeField(Buffer.from(part.value, 'latin1'));
        fields[part.fieldname] = text;
        if (!ok) problems.push({ field: part.fieldname, problem: 'ill_formed' });
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
  if (files.length > concernLimits.photos) return { fields, files: [], error: tooMany() };
  return { fields, files, ...illFormed(problems) };
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
        vars: { n: i + 1, name: f.name.slice(0, 60), reason: messagesFor(err.code, err.vars) },
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

/**
 * The multipart plugin's options for the form. Field values come as their bytes (one latin-1
 * character each) and readH5Form decodes them strictly: busboy's UTF-8 decoding would put
 * U+FFFD where the bytes are not UTF-8, and the text would pass as if typed.
 */
export const multipartOptions = { limits: multipartLimits, defCharset: 'latin1' };

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
