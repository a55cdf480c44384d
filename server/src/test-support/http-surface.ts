import type { FastifyInstance, RouteOptions } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app.ts';
import type { Db } from '../db/db.ts';
import { manualClock, randomIds } from '../lib/clock.ts';
import { makeSealer } from '../lib/crypto.ts';
import { memoryMail } from '../lib/mail.ts';
import { memorySms } from '../lib/sms.ts';

export type HttpSurface = { app: FastifyInstance; routes: RouteOptions[] };

// Building the routes reads nothing: a database that refuses every statement proves it, and
// lets tools (the OpenAPI writer, the contracts check) build the app without one.
const noDb: Db = {
  kind: 'pglite',
  query: () => Promise.reject(new Error('the HTTP surface is read without a database')),
  exec: () => Promise.reject(new Error('the HTTP surface is read without a database')),
  tx: () => Promise.reject(new Error('the HTTP surface is read without a database')),
  close: () => Promise.resolve(),
};

/** The app as production builds it, with every route it registered (method, url, schemas). */
export async function buildHttpSurface(): Promise<HttpSurface> {
  const routes: RouteOptions[] = [];
  const app = await buildApp(
    {
      db: noDb,
      clock: manualClock(),
      ids: randomIds,
      sealer: makeSealer(Buffer.alloc(32)),
      sms: memorySms(),
      mail: memoryMail(),
      settings: { sessionIdleMinutes: 30, secureCookies: false, publicBaseUrl: 'http://lianxin.test' },
    },
    { logger: pino({ level: 'silent' }), onRoute: (r) => void routes.push(r) },
  );
  return { app, routes };
}
