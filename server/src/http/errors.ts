import { errorCatalogue, fieldMessage, fill } from '../../../contracts/messages.ts';
import type { Bilingual, ErrorCode, FieldProblem, Lang } from '../../../contracts/messages.ts';

export type FieldError = { field: string; problem: FieldProblem; vars?: Record<string, string | number> };

/** A domain error with a stable code; mapped to HTTP in one place (http/error-handler.ts). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly vars: Vars;
  readonly extra: Record<string, unknown>;
  constructor(
    code: ErrorCode,
    opts: {
      fields?: FieldError[];
      vars?: Vars;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(code);
    this.code = code;
    this.fields = opts.fields ?? [];
    this.vars = opts.vars ?? {};
    this.extra = opts.extra ?? {};
  }
  get status(): number {
    return errorCatalogue[this.code].status;
  }
}

/**
 * What fills a message's {name}s: a name or number the same in both languages, or a text of
 * its own in each (a nested message), so the English message never carries a Chinese part.
 */
export type Vars = Record<string, string | number | Bilingual>;

const varsIn = (vars: Vars, lang: Lang) =>
  Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v]));

export function messagesFor(code: ErrorCode, vars: Vars = {}): Bilingual {
  const e = errorCatalogue[code];
  return { 'zh-CN': fill(e['zh-CN'], varsIn(vars, 'zh-CN')), en: fill(e.en, varsIn(vars, 'en')) };
}

export function errorBodyOf(err: AppError, lang: Lang) {
  const messages = messagesFor(err.code, err.vars);
  const fields = err.fields.map((f) => {
    const m = fieldMessage(f.problem, f.field, f.vars);
    return { field: f.field, problem: f.problem, message: m[lang], messages: m };
  });
  return {
    error: {
      code: err.code,
      message: messages[lang],
      messages,
      ...(fields.length ? { fields } : {}),
      ...err.extra,
    },
  };
}

export function langOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage && /^en\b/i.test(acceptLanguage.trim()) ? 'en' : 'zh-CN';
}
