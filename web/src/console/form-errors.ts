import type { FormInstance } from 'antd';
import type { Lang } from '../../../contracts/messages.ts';
import { ApiError, formFieldPath } from '../api.ts';

/**
 * Puts the server's per-field problems onto the form items they belong to.
 * Returns true when at least one field was marked (so a general alert can stay short).
 */
export function applyFieldErrors(form: FormInstance, e: unknown, lang: Lang, known?: string[]): boolean {
  if (!(e instanceof ApiError) || e.fields.length === 0) return false;
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const f of e.fields) {
    const name = formFieldPath(f.field);
    const key = name.join('.');
    if (known && !known.includes(String(name[0]))) continue;
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(f.messages[lang]);
    byName.set(key, entry);
  }
  form.setFields([...byName.values()]);
  return byName.size > 0;
}
