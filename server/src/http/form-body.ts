import type { FastifyInstance } from 'fastify';
import { isWellFormed } from '../../../contracts/common.ts';
import type { FieldError } from './errors.ts';

// The citizens' HTML forms under the same text rule as JSON bodies (text-rules.ts): a field
// whose bytes are not UTF-8, or whose text is ill-formed, is refused by name instead of being
// stored with U+FFFD in place of what was sent. The fields are still handed over (decoded with
// U+FFFD), so the form can be shown again with what was typed. What a one-line or multi-line
// field may hold beyond that is its contract's business (contracts/common.ts), as for JSON.

/** A form post's fields (strings only), and the fields refused for ill-formed text. */
export type FormFields = { fields: Record<string, string>; problems: FieldError[] };

const formBody = Symbol('form body');
type Parsed = FormFields & { [formBody]: true };

const strict = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');

/** Bytes as UTF-8 text, and whether they were UTF-8 (and well-formed) at all. */
export function decodeField(bytes: Uint8Array): { text: string; ok: boolean } {
  try {
    const text = strict.decode(bytes);
    return { text, ok: isWellFormed(text) };
  } catch {
    return { text: lossy.decode(bytes), ok: false };
  }
}

/** A percent-encoded (or raw) x-www-form-urlencoded component to its bytes, '+' as a space. */
function bytesOf(s: string): Buffer {
  const raw = Buffer.from(s.replace(/\+/g, ' '), 'latin1');
  const out: number[] = [];
  const hex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === 37 && i + 2 < raw.length && hex(raw[i + 1]!) && hex(raw[i + 2]!)) {
      out.push(parseInt(String.fromCharCode(raw[i + 1]!, raw[i + 2]!), 16));
      i += 2;
    } else out.push(c);
  }
  return Buffer.from(out);
}

/** application/x-www-form-urlencoded, field by field; the last value of a repeated name wins. */
export function parseUrlencoded(body: Buffer): FormFields {
  const fields: Record<string, string> = Object.create(null); // `__proto__` is a field like any other
  const problems: FieldError[] = [];
  // Split on the raw bytes: '&' and '=' are ASCII, so no multi-byte character is cut.
  for (const pair of body.toString('latin1').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodeField(bytesOf(eq < 0 ? pair : pair.slice(0, eq)));
    const value = decodeField(bytesOf(eq < 0 ? '' : pair.slice(eq + 1)));
    if (!key.ok) {
      problems.push({ field: key.text, problem: 'ill_formed' });
      continue;
    }
    fields[key.text] = value.text;
    if (!value.ok) problems.push({ field: key.text, problem: 'ill_formed' });
  }
  return { fields, problems };
}

/** The strict urlencoded parser for a scope of form routes (its body limit the form's). */
export function registerFormParser(scope: FastifyInstance, bodyLimit: number) {
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer', bodyLimit },
    (_req, body: Buffer, done) => done(null, { ...parseUrlencoded(body), [formBody]: true } satisfies Parsed),
  );
}

/**
 * The fields of a form route's body: urlencoded (parsed by registerFormParser), or JSON posted
 * by hand (its string fields; other types are left out, as a browser never sends them).
 */
export function formFields(body: unknown): FormFields {
  if (body && typeof body === 'object' && formBody in body) {
    const { fields, problems } = body as Parsed;
    return { fields, problems };
  }
  const fields: Record<string, string> = Object.create(null); // `__proto__` is a field like any other
  const problems: FieldError[] = [];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { fields, problems };
  for (const [k, v] of Object.entries(body)) {
    if (typeof v !== 'string') continue;
    if (!isWellFormed(k)) continue;
    fields[k] = v;
    if (!isWellFormed(v)) problems.push({ field: k, problem: 'ill_formed' });
  }
  return { fields, problems };
}
