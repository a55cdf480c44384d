import { after, before, describe } from 'node:test';
import { makeTestApp } from './app.ts';
import type { TestApp } from './app.ts';
import { testBackends } from './test-db.ts';

/** Runs the same suite once per database backend, each with its own fresh database. */
export function eachBackend(
  title: string,
  body: (t: () => TestApp) => void,
  opts: Parameters<typeof makeTestApp>[1] = {},
) {
  for (const backend of testBackends()) {
    describe(`${title} [${backend.name}]`, () => {
      let app: TestApp | undefined;
      before(async () => {
        app = await makeTestApp(await backend.open(), opts);
      });
      after(async () => {
        await app?.close();
      });
      body(() => {
        if (!app) throw new Error('test app not ready');
        return app;
      });
    });
  }
}
