import { errorCatalogue, fieldMessage, fill } from '../../../contracts/messages.ts';
import type { Bilingual, ErrorCode, FieldProblem, Lang } from '../../../contracts/messages.ts';

export type FieldError = { field: string; problem: FieldProblem; vars?: Record<string, string | number> };

/** A domain error with a stable code; mapped to HTTP in one place (http/error-handler.ts). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly vars: Record<string, string | number>;
  readonly extra: Record<string, unknown>;
  constructor(
    code: ErrorCode,
    opts: {
      fields?: FieldError[];
      vars?: Record<string, string | number>;
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

export function messagesFor(code: ErrorCode, vars: Record<string, string | number> = {}): Bilingual {
  const e = errorCatalogue[code];
  return { 'zh-CN': fill(e['zh-CN'], vars), en: fill(e.en, vars) };
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
