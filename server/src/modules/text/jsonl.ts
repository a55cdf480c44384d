// UTF-8 JSONL in, one object per line, for the CLIs and the benchmark. A line that is not a JSON
// object, or lacks a required string field, is an error naming its line number: batch input is
// rejected whole, never half-processed, because a half-grouped file is worse than none.

export class JsonlError extends Error {
  readonly line: number;
  constructor(line: number, problem: string) {
    super(`line ${line}: ${problem}`);
    this.line = line;
  }
}

export type JsonlRecord = Record<string, unknown>;

/** Parse JSONL text; blank lines are skipped; `required` names string fields every line must have. */
export function parseJsonl(text: string, required: readonly string[] = []): JsonlRecord[] {
  const out: JsonlRecord[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new JsonlError(i + 1, 'not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new JsonlError(i + 1, 'not a JSON object');
    }
    const record = value as JsonlRecord;
    if (typeof record.id === 'number' && Number.isFinite(record.id)) record.id = String(record.id);
    for (const field of required) {
      const v = record[field];
      if (typeof v !== 'string' || !v.trim())
        throw new JsonlError(i + 1, `"${field}" missing or not a non-empty string`);
    }
    for (const field of ['place', 'studio', 'sector']) {
      const v = record[field];
      if (v !== undefined && v !== null && typeof v !== 'string')
        throw new JsonlError(i + 1, `"${field}" is not a string`);
    }
    out.push(record);
  });
  return out;
}

export function optionalString(record: JsonlRecord, field: string): string | undefined {
  const v = record[field];
  return typeof v === 'string' && v.trim() ? v : undefined;
}
