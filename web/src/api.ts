// Same-origin fetch wrapper for /api: JSON in and out, CSRF header on writes,
// Accept-Language from the UI language, errors as ApiError with the server's bilingual text.
import type { z } from 'zod';
import type { ApiMap, OperationKey } from '../../contracts/api.ts';
import type { ErrorBody } from '../../contracts/common.ts';
import type { Lang } from '../../contracts/messages.ts';

export type FieldError = NonNullable<ErrorBody['error']['fields']>[number];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: { 'zh-CN': string; en: string };
  readonly fields: FieldError[];
  /** The whole JSON body, for endpoints that return more than `error` (e.g. roster import). */
  readonly body: unknown;

  constructor(status: number, body: ErrorBody | null, raw: unknown) {
    const fallback = { 'zh-CN': `请求失败（${status}）`, en: `Request failed (${status})` };
    super(body?.error.message ?? fallback.en);
    this.status = status;
    this.code = body?.error.code ?? 'http_' + status;
    this.messages = body?.error.messages ?? fallback;
    this.fields = body?.error.fields ?? [];
    this.body = raw;
  }

  text(lang: Lang): string {
    return this.messages[lang];
  }
}

let csrfToken = '';
let language: Lang = 'zh-CN';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}
export function setApiLanguage(lang: Lang): void {
  language = lang;
}
/** Called when a request reports the session is gone (expired, logged out elsewhere). */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function queryString(q: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? '?' + s : '';
}

type Options = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
};

function isErrorBody(x: unknown): x is ErrorBody {
  return (
    typeof x === 'object' && x !== null && 'error' in x && typeof (x as ErrorBody).error?.code === 'string'
  );
}

async function request<T>(path: string, opts: Options = {}): Promise<T> {
  return (await send(path, opts, true)) as T;
}

/**
 * A file the server writes for a POST (the unmasked roster: its reason goes in the body, under
 * the CSRF check), saved under the name the server gives. Untyped like `upload`: the answer is
 * a file, not a schema of contracts/api.ts.
 */
export async function downloadPost(path: string, json: unknown, query: Query = {}): Promise<void> {
  const res = (await send(path, { method: 'POST', json, query }, false)) as Response;
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/.exec(cd)?.[1];
  const name = star ? decodeURIComponent(star) : (/filename="([^"]+)"/.exec(cd)?.[1] ?? 'download');
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function send(path: string, opts: Options, parse: boolean): Promise<unknown> {
  const method = opts.method ?? (opts.json !== undefined || opts.body !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string> = { 'Accept-Language': language, Accept: 'application/json' };
  let body: BodyInit | undefined = opts.body;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.contentType) {
    headers['Content-Type'] = opts.contentType;
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch('/api' + path + queryString(opts.query ?? {}), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, networkError(), null);
  }
  if (res.ok && !parse) return res;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, isErrorBody(data) ? data : null, data);
    if (res.status === 401 && err.code === 'auth.required' && onUnauthorized) onUnauthorized();
    throw err;
  }
  return data;
}

type Part<K extends OperationKey, P extends 'params' | 'query' | 'body'> =
  ApiMap[K] extends Record<P, z.ZodType> ? { [Q in P]: z.input<ApiMap[K][P]> } : { [Q in P]?: never };
/** What an operation of contracts/api.ts takes: its params, query and body, each only where the route has one. */
export type CallArgs<K extends OperationKey> = Part<K, 'params'> &
  Partial<Part<K, 'query'>> &
  Part<K, 'body'>;
/** What an operation of contracts/api.ts answers. */
export type CallResult<K extends OperationKey> = z.infer<ApiMap[K]['response']>;
type ArgsOf<K extends OperationKey> = object extends CallArgs<K> ? [args?: CallArgs<K>] : [args: CallArgs<K>];

/** `call('GET /api/studios/:id', { params: { id } })`: a request typed by the operation's contract. */
export function call<K extends OperationKey>(op: K, ...rest: ArgsOf<K>): Promise<CallResult<K>> {
  const args = (rest[0] ?? {}) as { params?: Record<string, string>; query?: Query; body?: unknown };
  const space = op.indexOf(' ');
  const method = op.slice(0, space) as NonNullable<Options['method']>;
  const path = op
    .slice(space + '/api'.length + 1)
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(args.params?.[name] ?? ''));
  const json = args.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
  return request<CallResult<K>>(path, { method, query: args.query, json });
}

/**
 * Sends a file as the whole request body (the roster import). Untyped on purpose: the route's
 * body schema is a server Buffer, which has no place in contracts/api.ts, and its answer is
 * read by the one page that uploads.
 */
export function upload<T>(path: string, file: BodyInit, contentType: string, query: Query = {}): Promise<T> {
  return request<T>(path, { method: 'POST', body: file, contentType, query });
}

function networkError(): ErrorBody {
  const messages = {
    'zh-CN': '无法连接服务器，请检查网络后重试',
    en: 'Cannot reach the server; check the network and retry',
  };
  return { error: { code: 'network', message: messages.en, messages } };
}

/** `body.name` → `['name']`; `body.person.name` → `['person', 'name']`. */
export function formFieldPath(field: string): (string | number)[] {
  const parts = field.split('.');
  if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params') parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
