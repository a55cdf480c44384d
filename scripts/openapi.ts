// Writes docs/openapi.json, the OpenAPI document the routes declare (served live at /api/docs).
// `--check` (run by `npm run check`) fails when the committed file is not what the code
// generates, so a changed contract shows up in review and clients can be generated from the file.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildHttpSurface } from '../server/src/test-support/http-surface.ts';

const file = path.resolve(import.meta.dirname, '../docs/openapi.json');

/** Object keys sorted at every depth: the file changes only when the contract does. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sorted(v)]));
}

const { app } = await buildHttpSurface();
const text = JSON.stringify(sorted(app.swagger()), null, 2) + '\n';
await app.close();

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // a missing file differs like any other
  }
  if (committed !== text) {
    console.error(
      'docs/openapi.json is not what the routes declare: run `node scripts/openapi.ts` and commit it.',
    );
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
