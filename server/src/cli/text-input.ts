// Shared by the text CLIs: read a UTF-8 JSONL file whole, or stop with its bad line's number on
// stderr and exit code 1 before anything is printed (a half-processed batch is worse than none).
import { readFileSync } from 'node:fs';
import { JsonlError, optionalString, parseJsonl } from '../modules/text/jsonl.ts';
import type { ConcernText } from '../modules/text/grouping.ts';

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

export function readConcerns(
  file: string,
  extra: readonly string[] = [],
): (ConcernText & { sector?: string })[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (e) {
    fail(`${file}: cannot read as UTF-8 (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    const seen = new Set<string>();
    return parseJsonl(text, ['id', 'text', ...extra]).map((r, i) => {
      const id = String(r.id);
      if (seen.has(id)) throw new JsonlError(i + 1, `duplicate id "${id}"`);
      seen.add(id);
      return {
        id,
        text: String(r.text),
        place: optionalString(r, 'place'),
        studio: optionalString(r, 'studio'),
        at: optionalString(r, 'at'),
        sector: optionalString(r, 'sector'),
      };
    });
  } catch (e) {
    if (e instanceof JsonlError) fail(`${file}: ${e.message}`);
    throw e;
  }
}
