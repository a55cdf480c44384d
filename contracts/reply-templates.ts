import { z } from 'zod';
import { id, longText, text } from './common.ts';
import { concernLimits } from './concerns.ts';

// Reply templates (答复模板): texts staff keep for answers given again and again. A committee's
// templates serve it and every committee below it; members and departments pick one to start
// a reply from.

export const replyTemplateLimits = { title: 40, perCommittee: 200 } as const;

export const replyTemplate = z.object({
  id: z.string(),
  committeeId: z.string(),
  committeeName: z.string(),
  title: z.string(),
  body: z.string(),
  updatedAt: z.string(),
});
export type ReplyTemplate = z.infer<typeof replyTemplate>;

export const replyTemplateList = z.object({ items: z.array(replyTemplate) });
export const replyTemplateQuery = z
  .object({
    /** One committee's own templates (to maintain them); without it, all the caller may use. */
    committeeId: id.optional(),
  })
  .strict();
export const replyTemplateBody = z
  .object({
    committeeId: id,
    title: text(replyTemplateLimits.title),
    body: longText(concernLimits.reply),
  })
  .strict();
export const replyTemplatePatch = replyTemplateBody.omit({ committeeId: true }).partial().strict();
export const replyTemplateParams = z.object({ id });
