import { z } from 'zod';
import { limits } from './limits.ts';

export { limits } from './limits.ts';

// C0/C1 control characters other than tab and line breaks never belong in any text.
// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
export const hasControlChars = (s: string) => controlChars.test(s);
// A one-line field (a name, a title, a work unit) has no tab or line break either: they would
// break the lists, exports and posters it is shown in.
const lineBreaks = /[\t\n\r\u2028\u2029]/;
export const hasLineBreaks = (s: string) => lineBreaks.test(s);
/**
 * Unpaired UTF-16 surrogates (legal in JSON as "\ud800") cannot be stored as UTF-8: the
 * database refuses them, so text at the boundary must be well-formed. In a /u regex a
 * surrogate half is matched only when unpaired (String.prototype.isWellFormed, which the
 * browsers of older phones lack).
 */
const loneSurrogate = /\p{Cs}/u;
export const isWellFormed = (s: string) => !loneSurrogate.test(s);

/** What is wrong with a one-line field's text, if anything (the roster import asks too). */
export function oneLineProblem(s: string): 'ill_formed' | 'control_chars' | 'line_breaks' | null {
  if (!isWellFormed(s)) return 'ill_formed';
  if (hasControlChars(s)) return 'control_chars';
  if (hasLineBreaks(s)) return 'line_breaks';
  return null;
}

const wellFormed = { message: 'ill_formed' } as const;
const noControls = { message: 'control_chars' } as const;
const oneLine = { message: 'line_breaks' } as const;

// The checks run in order and stop at the first that fails (abort), so the field gets the
// one problem that matters: broken text first, then invisible characters, then line breaks.
const trimmed = (max: number, min: number) => {
  const s = z
    .string()
    .refine(isWellFormed, { ...wellFormed, abort: true })
    .trim();
  return (min > 0 ? s.min(min) : s).max(max);
};

const oneLineString = (max: number, min: number) =>
  trimmed(max, min)
    .refine((s) => !hasControlChars(s), { ...noControls, abort: true })
    .refine((s) => !hasLineBreaks(s), oneLine);

const multiLineString = (max: number, min: number) =>
  trimmed(max, min).refine((s) => !hasControlChars(s), noControls);

/** A one-line text field: trimmed, limited, well-formed, no control characters, tabs or line breaks. */
export const text = (max: number, min = 1) => oneLineString(max, min);

/** An optional one-line text field; blank becomes null. */
export const optionalText = (max: number) =>
  oneLineString(max, 0)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

/** A multi-line text (a concern, a reply, a reason): line breaks and tabs allowed, other controls not. */
export const longText = (max: number, min = 1) => multiLineString(max, min);

/** An optional multi-line text; blank becomes null. */
export const optionalLongText = (max: number) =>
  multiLineString(max, 0)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

export const id = z.uuid();
export const isoDate = z.iso.date();
export const isoDateTime = z.string();

export const phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { message: 'phone' });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(20),
};

export const bilingual = z.object({ 'zh-CN': z.string(), en: z.string() });

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messages: bilingual,
    fields: z
      .array(z.object({ field: z.string(), problem: z.string(), message: z.string(), messages: bilingual }))
      .optional(),
    retryAfterSeconds: z.number().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const okBody = z.object({ ok: z.literal(true) });

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
