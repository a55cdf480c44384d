// Runs every test of the given files alone (`node scripts/tests-alone.ts server/src/x.test.ts …`), so a test that needs an earlier one's state shows up.
// A quoted glob ("server/**/*.test.ts", as `npm run test:alone` passes) stands for the files it matches.
//
// It lists a file's tests by running the file once, then runs each test by itself with
// `node --test --test-name-pattern "^exact name$"`, one process at a time; a test that fails,
// or matches nothing, is reported with its first error. Exit code 1 when any test failed alone.
// The backends are those of the environment: leave TEST_DATABASE_URL unset for PGlite only.
// This file is also the test reporter it uses (one JSON line per finished test).
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Finished = { ok: boolean; name: string; type: string; skipped: boolean; error?: string };
type TestEvent = {
  type: string;
  data: {
    name: string;
    skip?: unknown;
    todo?: unknown;
    details?: { type?: string; error?: { message?: string; cause?: { message?: string } } };
  };
};

/** The reporter: node --test hands it the run's events. */
export default async function* report(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  for await (const e of source) {
    if (e.type !== 'test:pass' && e.type !== 'test:fail') continue;
    const err = e.data.details?.error;
    const line: Finished = {
      ok: e.type === 'test:pass',
      name: e.data.name,
      type: e.data.details?.type ?? 'test',
      skipped: Boolean(e.data.skip || e.data.todo),
      ...(err ? { error: String(err.cause?.message ?? err.message ?? '').split('\n')[0] } : {}),
    };
    yield `${JSON.stringify(line)}\n`;
  }
}

const self = fileURLToPath(import.meta.url);

function run(file: string, pattern?: string): { code: number; tests: Finished[] } {
  const args = ['--test', '--test-reporter', self, '--test-reporter-destination', 'stdout'];
  if (pattern) args.push('--test-name-pattern', pattern);
  const r = spawnSync(process.execPath, [...args, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const tests = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Finished)
    .filter((t) => t.type === 'test' && !t.skipped);
  return { code: r.status ?? 1, tests };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function main(files: string[]) {
  let failed = 0;
  for (const file of files) {
    const whole = run(file);
    const names = [...new Set(whole.tests.map((t) => t.name))];
    console.log(`${file}: ${names.length} tests${whole.code === 0 ? '' : ' (the whole file fails)'}`);
    for (const name of names) {
      const alone = run(file, `^${escape(name)}$`);
      const mine = alone.tests.filter((t) => t.name === name);
      const bad = mine.find((t) => !t.ok);
      if (alone.code === 0 && mine.length > 0 && !bad) continue;
      failed++;
      console.log(`  ✗ ${name}\n      ${bad?.error ?? (mine.length ? `exit ${alone.code}` : 'did not run')}`);
    }
  }
  console.log(failed ? `${failed} tests fail alone` : 'every test passes alone');
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  main(process.argv.slice(2).flatMap((a) => (/[*?[]/.test(a) ? globSync(a).sort() : [a])));
}
