import { readFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { hostile, hostileStrings, mutate, pctEncode, rawSegments, valueFor } from './fuzz-values.ts';
import type { JsonSchema, Pools, Rng } from './fuzz-values.ts';

// The requests of the OpenAPI fuzzer (http/fuzz.test.ts): every operation of docs/openapi.json,
// and the citizens' HTML pages and forms (hidden from the document), each sent with parameters,
// headers and bodies built from its schemas, hostile part of the time.

type Param = {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
};

export type Operation = {
  method: string;
  /** OpenAPI form: /api/studios/{id} */
  path: string;
  id: string;
  params: Param[];
  body?: JsonSchema;
  /** An HTML form of the citizens' pages: these fields, urlencoded, multipart or JSON. */
  form?: Record<string, JsonSchema>;
};

const openapiFile = new URL('../../../docs/openapi.json', import.meta.url);

/** Every operation the generated OpenAPI document lists. */
export function openapiOperations(): Operation[] {
  const doc = JSON.parse(readFileSync(openapiFile, 'utf8')) as {
    paths: Record<
      string,
      Record<
        string,
        {
          operationId: string;
          parameters?: Param[];
          requestBody?: { content: Record<string, { schema: JsonSchema }> };
        }
      >
    >;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, o]) => ({
      method: method.toUpperCase(),
      path,
      id: o.operationId,
      params: o.parameters ?? [],
      ...(o.requestBody ? { body: Object.values(o.requestBody.content)[0]?.schema ?? {} } : {}),
    })),
  );
}

const str = (o: Partial<JsonSchema> = {}): JsonSchema => ({ type: 'string', ...o });
const code = str({ pattern: '^[A-Za-z0-9]{4,16}$' });
const tracking = str({ pattern: '^[A-Za-z0-9]{6,16}$' });
const mode = { large: str({ enum: ['1'] }), contrast: str({ enum: ['1'] }) };
const concernForm = {
  k: str({ enum: ['0123456789abcdef01234567'] }),
  category: str({ enum: ['livelihood', 'education', 'other'] }),
  text: str({ maxLength: 2000 }),
  place: str({ maxLength: 200 }),
  phone: str({ pattern: '^1[3-9]\\d{9}$' }),
  smsCode: str({ pattern: '^\\d{6}$' }),
  consent: str({ enum: ['1'] }),
  memberCode: code,
  kept: str({ enum: ['1', '3'] }),
  action: str({ enum: ['code', 'submit'] }),
};

/** The citizens' pages: not in the OpenAPI document (hidden), the same rules apply. */
export function pageOperations(): Operation[] {
  const get = (path: string, params: Param[] = []): Operation => ({
    method: 'GET',
    path,
    id: `page ${path}`,
    params: [
      ...params,
      ...Object.entries(mode).map(([name, schema]) => ({ in: 'query' as const, name, schema })),
    ],
  });
  const p = (name: string, schema: JsonSchema): Param => ({ in: 'path', name, required: true, schema });
  const post = (path: string, form: Record<string, JsonSchema>, params: Param[] = []): Operation => ({
    ...get(path, params),
    method: 'POST',
    id: `form ${path}`,
    form,
  });
  return [
    get('/'),
    get('/s/{code}', [p('code', code)]),
    get('/m/{code}', [p('code', code)]),
    get('/s/{code}/concern', [p('code', code)]),
    get('/m/{code}/concern', [p('code', code)]),
    post('/s/{code}/concern', concernForm, [p('code', code)]),
    post('/m/{code}/concern', concernForm, [p('code', code)]),
    get('/t', [{ in: 'query', name: 'code', schema: tracking }]),
    get('/t/{trackingCode}', [
      p('trackingCode', tracking),
      { in: 'query', name: 'new', schema: str({ enum: ['1'] }) },
    ]),
    post(
      '/t/{trackingCode}/rating',
      {
        rating: str({ enum: ['satisfied', 'basically_satisfied', 'dissatisfied'] }),
        comment: str({ maxLength: 500 }),
      },
      [p('trackingCode', tracking)],
    ),
    post('/t/{trackingCode}/info', { text: str({ maxLength: 2000 }) }, [p('trackingCode', tracking)]),
    get('/my'),
    post('/my', {
      phone: concernForm.phone,
      smsCode: concernForm.smsCode,
      action: str({ enum: ['code', 'verify'] }),
    }),
    get('/my/export.json'),
    get('/my/export.html'),
    post('/my/delete', { confirm: str({ enum: ['1'] }) }),
  ];
}

/** What a caller carries: a session's cookie and CSRF token, or nothing (a citizen). */
export type Caller = { name: string; cookie?: string; csrf?: string; pagesOnly?: boolean };

export type Extras = { jpeg: Buffer; xlsx: Buffer };

const ip = (rng: Rng) => `10.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;

// Header values: what HTTP lets through (visible ASCII, spaces, latin-1 bytes), hostile in spirit.
const hostileHeaders = [
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${x}',
  'x'.repeat(4000),
  '\u00ff\u00fe\u00ed\u00a0\u0080',
  '',
  ' ',
  'null',
  '-1',
];

function pathOf(op: Operation, rng: Rng, pools: Pools): string {
  const resource = op.path.split('/')[op.path.startsWith('/api/') ? 2 : 1] ?? '';
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const schema = op.params.find((p) => p.in === 'path' && p.name === name)?.schema ?? {};
    const roll = rng.next();
    if (roll < 0.6) {
      const v = valueFor(schema, rng, (n) => pools(n === 'id' ? `${resource}.id` : n), 1, name);
      return pctEncode(String(v));
    }
    if (roll < 0.8) return rng.pick(rawSegments);
    return pctEncode(String(hostile(rng)));
  });
}

function queryOf(op: Operation, rng: Rng, pools: Pools): string {
  const params = op.params.filter(
    (x) => x.in === 'query' && (x.required ? rng.chance(0.97) : rng.chance(0.4)),
  );
  const parts = params.map((p) => [p.name, pctEncode(String(valueFor(p.schema, rng, pools, 1, p.name)))]);
  // Each value valid, but one now and then: hostile, raw bytes, repeated (an array), or an odd key.
  if (parts.length && rng.chance(0.5)) {
    const one = rng.pick(parts);
    one[1] = rng.chance(0.6) ? pctEncode(String(hostile(rng))) : rng.pick(rawSegments);
  }
  if (parts.length && rng.chance(0.05))
    parts.push([rng.pick(parts)[0]!, pctEncode(rng.pick(hostileStrings))]);
  if (rng.chance(0.05)) parts.push([rng.pick(['__proto__[x]', 'a[b]', '%00', '', '%ED%A0%80']), '1']);
  return parts.length ? `?${parts.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
}

const boundary = 'fuzzboundary';
const part = (name: string, value: string | Buffer, file?: string) =>
  Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"` : ''}\r\n` +
        (file ? 'Content-Type: image/jpeg\r\n' : '') +
        '\r\n',
    ),
    Buffer.isBuffer(value) ? value : Buffer.from(value),
    Buffer.from('\r\n'),
  ]);

/** A multipart body of these fields, maybe with photos (real, garbage), maybe broken. */
function multipart(
  fields: Record<string, unknown>,
  rng: Rng,
  extras: Extras,
): { type: string; body: Buffer } {
  const parts = Object.entries(fields).map(([k, v]) => part(k, String(v)));
  const photos = rng.int(4);
  for (let i = 0; i < photos; i++)
    parts.push(
      part(
        'photos',
        rng.pick([extras.jpeg, extras.jpeg.subarray(0, 40), Buffer.from('not an image'), Buffer.alloc(0)]),
        rng.pick(['a.jpg', '\u202egpj.exe', '../../x.jpg', '', '😀.jpg']),
      ),
    );
  let body = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  let type = `multipart/form-data; boundary=${boundary}`;
  const broken = rng.next();
  if (broken < 0.15)
    body = body.subarray(0, rng.int(body.length)); // cut short
  else if (broken < 0.2)
    type = 'multipart/form-data'; // no boundary
  else if (broken < 0.25) type = 'multipart/form-data; boundary=other';
  else if (broken < 0.3)
    body = Buffer.from(`--${boundary}\r\nContent-Disposition: garbage\r\n\r\nx\r\n--${boundary}--\r\n`);
  return { type, body };
}

/** A body the route may not expect: broken JSON, bytes that are not UTF-8, a file, a form. */
function oddBody(rng: Rng, extras: Extras): { type?: string; body: string | Buffer } {
  return rng.pick<() => { type?: string; body: string | Buffer }>([
    () => ({ type: 'application/json', body: '{"a":' }),
    () => ({ type: 'application/json', body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }),
    () => ({ type: 'application/json', body: '"\\ud800"' }),
    () => ({
      type: 'application/json',
      body: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    }),
    () => ({ type: 'application/json', body: ' ' }),
    () => ({ type: 'application/json; charset=latin1', body: '{}' }),
    () => ({ type: 'text/plain', body: 'hello' }),
    () => ({ type: 'application/x-www-form-urlencoded', body: 'a=1&b=%ED%A0%80' }),
    () => ({ type: 'image/jpeg', body: extras.jpeg }),
    () => ({ type: 'image/png', body: Buffer.from('garbage, not a png') }),
    () => ({ type: 'application/octet-stream', body: extras.jpeg.subarray(0, 30) }),
    () => ({
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: rng.chance(0.5) ? extras.xlsx : extras.xlsx.subarray(0, extras.xlsx.length >> 1),
    }),
    () => ({
      type: 'application/xml',
      body: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
    }),
    () => ({ ...multipart({ a: '1' }, rng, extras) }),
    () => ({ body: '' }),
  ])();
}

/** One request for the operation, from this caller. */
export function requestFor(
  op: Operation,
  caller: Caller,
  rng: Rng,
  pools: Pools,
  extras: Extras,
): InjectOptions {
  const headers: Record<string, string> = {
    'x-forwarded-for': rng.chance(0.97)
      ? ip(rng)
      : rng.pick([...hostileHeaders, '::1, 1.2.3.4', '999.1.1.1']),
  };
  if (caller.cookie) headers.cookie = rng.chance(0.97) ? caller.cookie : `lx_sid=${rng.pick(hostileHeaders)}`;
  else if (rng.chance(0.1))
    headers.cookie = `lx_sid=${rng.pick(hostileHeaders)}; lx_my=${rng.pick(hostileHeaders)}`;
  if (op.method !== 'GET' && (caller.csrf || rng.chance(0.1)))
    headers['x-csrf-token'] = caller.csrf && rng.chance(0.95) ? caller.csrf : rng.pick(hostileHeaders);
  if (rng.chance(0.1)) headers['accept-language'] = rng.pick([...hostileHeaders, 'en', 'zh-CN;q=abc', '*']);
  if (rng.chance(0.1))
    headers['idempotency-key'] = rng.chance(0.5) ? `k-${rng.int(1e9)}-fuzz` : rng.pick(hostileHeaders);
  if (rng.chance(0.03)) headers['range'] = rng.pick(['bytes=0-1', 'bytes=-1', 'bytes=99999999-', 'garbage']);
  if (rng.chance(0.03)) headers['if-none-match'] = rng.pick(hostileHeaders);
  const url = pathOf(op, rng, pools) + queryOf(op, rng, pools);
  const out: InjectOptions = { method: op.method as InjectOptions['method'], url, headers };
  if (op.method === 'GET' || op.method === 'DELETE') {
    if (rng.chance(0.05)) Object.assign(out, bodyOf(oddBody(rng, extras), headers));
    return out;
  }
  if (op.form) {
    const valid = valueFor({ type: 'object', properties: op.form }, rng, pools, 1);
    const fields = rng.chance(0.8) ? mutate(valid, rng) : valid;
    const flat = Object.fromEntries(
      Object.entries(fields && typeof fields === 'object' ? fields : { text: fields }).map(([k, v]) => [
        k,
        String(v),
      ]),
    );
    const roll = rng.next();
    if (roll < 0.35) {
      // pctEncode, not URLSearchParams: a broken encoder's bytes for lone surrogates.
      const body = Object.entries(flat)
        .map(([k, v]) => `${pctEncode(k)}=${pctEncode(v)}`)
        .join('&');
      return { ...out, ...bodyOf({ type: 'application/x-www-form-urlencoded', body }, headers) };
    }
    if (roll < 0.65) return { ...out, ...bodyOf(multipart(flat, rng, extras), headers) };
    // JSON posted by hand to a form: the fields keep their (wrong) types.
    if (roll < 0.92)
      return { ...out, ...bodyOf({ type: 'application/json', body: JSON.stringify(fields) }, headers) };
    return { ...out, ...bodyOf(oddBody(rng, extras), headers) };
  }
  const roll = rng.next();
  if (op.body && roll < 0.85) {
    const valid = valueFor(op.body, rng, pools, 1);
    const v = roll < 0.2 ? valid : mutate(valid, rng);
    return { ...out, ...bodyOf({ type: 'application/json', body: JSON.stringify(v) ?? 'null' }, headers) };
  }
  if (!op.body && roll < 0.7) return out;
  return { ...out, ...bodyOf(oddBody(rng, extras), headers) };
}

function bodyOf(b: { type?: string; body: string | Buffer }, headers: Record<string, string>) {
  if (b.type) headers['content-type'] = b.type;
  return { payload: b.body };
}
