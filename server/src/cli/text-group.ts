// npm run -s text:group -- IN.jsonl
// Groups concerns into common issues with the server's own code (modules/text/rebuild.ts).
// Input lines {"id","text","place"?}; output one line {"id","group"} per input line, in input
// order, and nothing else on stdout. A malformed line: its number on stderr, exit 1, no output.
import { rebuild } from '../modules/text/rebuild.ts';
import { fail, readConcerns } from './text-input.ts';

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length) fail('usage: npm run -s text:group -- IN.jsonl');
const concerns = readConcerns(file);
const index = rebuild(concerns);
const out = concerns.map((c) =>
  JSON.stringify({ id: c.id, group: index.concerns.get(c.id)?.group ?? `g-${c.id}` }),
);
process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
