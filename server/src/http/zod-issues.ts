import type { FieldError } from './errors.ts';
import { fieldMessages } from '../../../contracts/messages.ts';
import type { FieldProblem } from '../../../contracts/messages.ts';

// The shape of a zod v4 issue as far as we read it.
export type Issue = {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  keys?: string[];
  input?: unknown;
  errors?: Issue[][];
};

const isProblem = (s: string): s is FieldProblem => s in fieldMessages;

/** Turns zod issues into field errors that name the field in words people use. */
export function fieldErrorsFromIssues(issues: readonly Issue[], prefix: string): FieldError[] {
  const out: FieldError[] = [];
  for (const i of issues) {
    const base = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    switch (i.code) {
      case 'unrecognized_keys':
        for (const k of i.keys ?? [])
          out.push({ field: base ? `${base}.${k}` : k, problem: 'unknown_field' });
        break;
      case 'too_big':
        out.push({
          field: base,
          problem: i.origin === 'string' ? 'too_long' : i.origin === 'array' ? 'too_many' : 'too_big',
          vars: { n: Number(i.maximum) },
        });
        break;
      case 'too_small':
        if (i.origin === 'string' && Number(i.minimum) === 1) out.push({ field: base, problem: 'required' });
        else
          out.push({
            field: base,
            problem: i.origin === 'string' ? 'too_short' : i.origin === 'array' ? 'too_few' : 'too_small',
            vars: { n: Number(i.minimum) },
          });
        break;
      case 'invalid_type':
        // zod leaves the input out of the issue; its message says what it received.
        out.push({
          field: base,
          problem: /received undefined/.test(i.message) ? 'required' : 'invalid_type',
        });
        break;
      case 'invalid_union': {
        // Report the branch the caller most likely meant: the one whose fields they used
        // (fewest unknown keys), then the one with the fewest problems.
        const unknown = (b: Issue[]) => b.reduce((n, x) => n + (x.keys?.length ?? 0), 0);
        const best = [...(i.errors ?? [])].sort((a, b) => unknown(a) - unknown(b) || a.length - b.length)[0];
        if (best?.length) out.push(...fieldErrorsFromIssues(best, base));
        else out.push({ field: base, problem: 'invalid_value' });
        break;
      }
      case 'invalid_value':
        out.push({ field: base, problem: 'invalid_value' });
        break;
      case 'invalid_format':
        out.push({ field: base, problem: isProblem(i.message) ? i.message : 'invalid_format' });
        break;
      default:
        out.push({ field: base, problem: isProblem(i.message) ? i.message : 'invalid' });
    }
  }
  return out;
}
