import { z } from 'zod';
import { limits } from './limits.ts';

export { limits } from './limits.ts';

// C0/C1 control characters other than tab and newline never belong in a name or a title.
// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
export const hasControlChars = (s: string) => controlChars.test(s);

/** A one-line text field: trimmed, limited, no control characters. */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !hasControlChars(s), { message: 'control_chars' });

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasControlChars(s), { message: 'control_chars' })
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
