import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RouteOptions } from 'fastify';
import { buildHttpSurface } from '../server/src/test-support/http-surface.ts';
import type { HttpSurface } from '../server/src/test-support/http-surface.ts';
import { apiMap } from './api.ts';
import type { Operation } from './api.ts';

// contracts/api.ts types the console's requests; if it named a schema the route does not
// declare, the console would compile against a contract the server does not keep.
let surface: HttpSurface;
before(async () => {
  surface = await buildHttpSurface();
});
after(async () => {
  await surface.app.close();
});

type Schema = { params?: unknown; querystring?: unknown; body?: unknown; response?: Record<string, unknown> };

function routeOf(method: string, url: string): RouteOptions | undefined {
  return surface.routes.find((r) => r.url === url && [r.method].flat().includes(method));
}

/** The schema of the route's success answer (200, or 202 for work that is only started). */
function successOf(schema: Schema): unknown {
  const codes = Object.keys(schema.response ?? {}).filter((c) => c.startsWith('2'));
  assert.equal(codes.length, 1, 'one success response');
  return schema.response?.[codes[0]!];
}

test('every operation of contracts/api.ts is a route with the same method and the very same schemas', () => {
  const ops: [string, Operation][] = Object.entries(apiMap);
  assert.ok(ops.length > 0);
  for (const [key, op] of ops) {
    const [method, url] = key.split(' ') as [string, string];
    const route = routeOf(method, url);
    assert.ok(route, `${key}: no such route`);
    const schema = (route.schema ?? {}) as Schema;
    assert.equal(op.response, successOf(schema), `${key}: response schema differs from the route's`);
    assert.equal(op.params, schema.params, `${key}: params schema differs from the route's`);
    assert.equal(op.query, schema.querystring, `${key}: query schema differs from the route's`);
    assert.equal(op.body, schema.body, `${key}: body schema differs from the route's`);
  }
});
