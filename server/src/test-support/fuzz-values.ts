import { prng } from '../lib/prng.ts';

// Values for the OpenAPI fuzzer (http/fuzz.test.ts): what a schema asks for part of the time,
// so the request reaches the handler, and what an attacker sends the rest of the time: broken
// text, controls, markup, SQL, very long strings, the wrong type, nothing at all.

export type Rng = {
  next(): number;
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
};

export function rngOf(seed: number): Rng {
  const next = prng(seed);
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, chance: (p) => next() < p, pick: (xs) => xs[int(xs.length)]! };
}

/** A JSON Schema as the OpenAPI document writes it (the subset the contracts produce). */
export type JsonSchema = {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
  description?: string;
};

/** Strings no field should choke on. Lone surrogates reach the server as JSON "\ud800" escapes. */
export const hostileStrings: readonly string[] = [
  '\ud800',
  '路灯\udfff坏了',
  '\udc00\ud800',
  'a\u0000b',
  '\u0000',
  '\u0001\u0002\u0003\u001b[31m',
  '\u007f\u0085\u009f',
  '第一行\n第二行',
  '\r\n',
  '\t',
  '\u2028\u2029',
  '\u202eevil\u202c',
  '\u200b\u200d\ufeff',
  '😀'.repeat(10_000),
  '𠀀𪚥'.repeat(500),
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${x}',
  '#{7*7}<%= 7*7 %>',
  "' or 1=1 --",
  "'; drop table concerns; --",
  '%',
  '%00',
  '%ED%A0%80',
  '\\',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  ' ',
  '',
  'x'.repeat(100_000),
  '张'.repeat(5001),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'g-00000000-0000-0000-0000-000000000000-99999999999999999999',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  '1900-01-01',
  '13800138000',
  '__proto__',
  'constructor',
];

/** Values of a type no field of that type expects. */
const wrongTypes: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  2 ** 53 + 1,
  1e308,
  -1e308,
  true,
  false,
  [],
  [null],
  ['a', 1],
  {},
  JSON.parse('{"__proto__":{"role":"admin"}}'),
  { a: { b: { c: { d: [] } } } },
  '',
];

/** Raw path or query segments sent as they are: broken escapes, bytes that are not UTF-8. */
export const rawSegments: readonly string[] = [
  '%00',
  '%0A',
  '%0D%0A',
  '%09',
  '%7F',
  '%C2%85',
  '%E2%80%AE',
  '%ED%A0%80',
  '%ED%BF%BF',
  '%FF',
  '%FE%FF',
  '%C0%AF',
  '%E4%B8',
  '%',
  '%zz',
  '%25',
  '..',
  '%2E%2E',
  '%2F',
  '%5C',
  '%F0%9F%98%80'.repeat(300),
  'a'.repeat(5000),
  '%3Cscript%3E',
  '%27%20or%201%3D1%20--',
  '%7B%7B7*7%7D%7D',
  '%24%7Bx%7D',
];

/** Percent-encodes text for a URL; lone surrogates go as the bytes a broken encoder writes (CESU-8). */
export function pctEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff)
      out +=
        `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 63)).toString(16)}%${(0x80 | (c & 63)).toString(16)}`.toUpperCase();
    else
      out += encodeURIComponent(ch).replace(
        /[!'()*]/g,
        (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`,
      );
  }
  return out;
}

const hanzi =
  '的一是在不了有人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞';

function cnText(rng: Rng, min: number, max: number): string {
  const n = Math.max(min, Math.min(max, min + rng.int(Math.min(40, max - min + 1))));
  let s = '';
  for (let i = 0; i < n; i++) s += hanzi[rng.int(hanzi.length)];
  return s;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoDay = (rng: Rng) => `${2024 + rng.int(4)}-${pad(1 + rng.int(12))}-${pad(1 + rng.int(28))}`;
const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(10)).join('');
const alnum = (rng: Rng, n: number) =>
  Array.from({ length: n }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[rng.int(32)]).join('');

/**
 * Ids and codes of real objects, so part of the requests reach past the "not found": by the
 * field or parameter name that holds them (committeeId, personId, trackingCode…; a path's `id`
 * as `<resource>.id`, e.g. `studios.id`), [] when there are none.
 */
export type Pools = (name: string) => readonly string[];

const fromPool = (rng: Rng, pool: readonly string[], p: number, otherwise: () => string) =>
  pool.length && rng.chance(p) ? rng.pick(pool) : otherwise();

/** A string the schema accepts (or close to it), knowing the contracts' patterns and formats. */
function goodString(s: JsonSchema, rng: Rng, pools: Pools, name: string): string {
  const p = s.pattern ?? '';
  if (s.format === 'uuid' || p.includes('[0-9a-fA-F]{8}'))
    return fromPool(rng, pools(name), 0.85, () => crypto.randomUUID());
  if (s.format === 'date-time' || p.includes('T(?:')) return `${isoDay(rng)}T0${rng.int(10)}:00:00Z`;
  if (s.format === 'date' || p.includes('-02-29')) return isoDay(rng);
  if (p === '^\\d{6}$') return digits(rng, 6);
  if (p === '^1[3-9]\\d{9}$') return `1${3 + rng.int(7)}${digits(rng, 9)}`;
  if (p.startsWith('^g-')) return fromPool(rng, pools('groupId'), 0.8, () => `g-${crypto.randomUUID()}`);
  if (p.includes('{4,16}')) return fromPool(rng, pools(name), 0.85, () => alnum(rng, 8));
  if (p.includes('{6,16}')) return fromPool(rng, pools('trackingCode'), 0.85, () => alnum(rng, 10));
  if (p.includes('(19|20)')) return isoDay(rng).slice(0, 7);
  if (p.includes('[01]\\d|2[0-3]')) return `${pad(rng.int(24))}:${pad(rng.int(60))}`;
  if (p.includes('\\d\\-+()')) return `0318-${digits(rng, 7)}`;
  if (p.includes('._-')) return `u${alnum(rng, 6).toLowerCase()}`;
  return cnText(rng, s.minLength ?? 0, s.maxLength ?? 60);
}

function goodNumber(s: JsonSchema, rng: Rng, integer: boolean): number {
  const lo = Math.max(s.minimum ?? -1000, -1000);
  const hi = Math.min(s.maximum ?? 1000, 1000);
  const n = lo + rng.next() * (hi - lo);
  return integer ? Math.round(n) : n;
}

/** One hostile value: a hostile string most often, else a value of the wrong type. */
export function hostile(rng: Rng): unknown {
  return rng.chance(0.7) ? rng.pick(hostileStrings) : wrongType(rng);
}

/** A copy: mutate() writes into the values it placed, which must not be the shared ones. */
const wrongType = (rng: Rng) => structuredClone(rng.pick(wrongTypes));

/**
 * A value for the schema: valid with probability `valid` at each level, hostile otherwise.
 * Objects drop a required property, or gain an unknown one, now and then.
 */
export function valueFor(
  s: JsonSchema,
  rng: Rng,
  pools: Pools,
  valid: number,
  name = '',
  depth = 0,
): unknown {
  if (depth > 6) return null;
  if (!rng.chance(valid)) return hostile(rng);
  if (s.anyOf?.length) return valueFor(rng.pick(s.anyOf), rng, pools, valid, name, depth + 1);
  if (s.nullable && rng.chance(0.1)) return null;
  if (s.enum?.length) return rng.pick(s.enum);
  switch (s.type) {
    case 'string':
      return goodString(s, rng, pools, name);
    case 'integer':
    case 'number':
      return goodNumber(s, rng, s.type === 'integer');
    case 'boolean':
      return rng.chance(0.5);
    case 'array': {
      const min = s.minItems ?? 0;
      const n = min + rng.int(Math.min(5, (s.maxItems ?? min + 4) - min + 1));
      // committeeIds, concernIds…: each item is the singular name's.
      const item = name.replace(/s$/, '');
      return Array.from({ length: n }, () => valueFor(s.items ?? {}, rng, pools, valid, item, depth + 1));
    }
    case 'object':
      return objectFor(s, rng, pools, valid, depth);
    default:
      // No type: the contract takes anything (a raw file body): anything goes.
      return rng.chance(0.5) ? cnText(rng, 1, 20) : hostile(rng);
  }
}

function objectFor(s: JsonSchema, rng: Rng, pools: Pools, valid: number, depth: number) {
  const out: Record<string, unknown> = {};
  const required = new Set(s.required ?? []);
  for (const [k, p] of Object.entries(s.properties ?? {})) {
    const keep = required.has(k) ? rng.chance(0.95) : rng.chance(0.5);
    if (keep) out[k] = valueFor(p, rng, pools, valid, k, depth + 1);
  }
  // defineProperty: `out.__proto__ = …` would set the prototype, not send the key.
  if (rng.chance(0.05))
    Object.defineProperty(out, rng.pick(['extra', '__proto__', '\ud800', 'a\u0000', '$where', '']), {
      value: hostile(rng),
      enumerable: true,
    });
  return out;
}

/** Every place in a value (the root, each property, each item), as the path of keys to it. */
function placesOf(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = [], depth = 0) {
  out.push(at);
  if (v && typeof v === 'object' && depth < 8)
    for (const [k, x] of Array.isArray(v) ? v.entries() : Object.entries(v))
      placesOf(x, [...at, k], out, depth + 1);
  return out;
}

/**
 * A valid value with one or two things wrong: a field hostile, of the wrong type, null, an
 * array of it, or missing. One fault at a time reaches further than many: the others pass.
 */
export function mutate(v: unknown, rng: Rng): unknown {
  let out = structuredClone(v);
  for (let i = 0, n = 1 + rng.int(2); i < n; i++) {
    const at = rng.pick(placesOf(out));
    const fault = rng.pick<(x: unknown) => unknown>([
      () => hostile(rng),
      () => rng.pick(hostileStrings),
      () => wrongType(rng),
      () => null,
      (x) => [x],
      (x) => ({ value: x }),
      (x) => (typeof x === 'string' ? x + rng.pick(hostileStrings) : rng.pick(hostileStrings)),
      () => undefined, // missing (JSON drops it)
    ]);
    if (!at.length) {
      out = fault(out);
      continue;
    }
    let parent = out as Record<string | number, unknown>;
    for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    const k = at[at.length - 1]!;
    const x = fault(parent[k]);
    if (x === undefined && !Array.isArray(parent)) delete parent[k];
    else parent[k] = x;
  }
  return out;
}
