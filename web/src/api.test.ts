import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call } from './api.ts';

type Sent = { url: string; method: string; body: unknown };

function recordFetch(answer: unknown): Sent[] {
  const sent: Sent[] = [];
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, method: init.method ?? 'GET', body: init.body ?? null });
    return new Response(JSON.stringify(answer), { status: 200 });
  }) as typeof fetch;
  return sent;
}

test('call fills the path parameters, the query and the JSON body of an operation', async () => {
  const sent = recordFetch({ ok: true });
  await call('PATCH /api/departments/:id', { params: { id: 'a b' }, body: { name: '办公室' } });
  await call('GET /api/notices', { query: { pageSize: 10 } });
  await call('DELETE /api/studios/:id/duty-slots/:entryId', { params: { id: 's1', entryId: 'e1' } });
  await call('POST /api/auth/logout');
  assert.deepEqual(sent, [
    { url: '/api/departments/a%20b', method: 'PATCH', body: JSON.stringify({ name: '办公室' }) },
    { url: '/api/notices?pageSize=10', method: 'GET', body: null },
    { url: '/api/studios/s1/duty-slots/e1', method: 'DELETE', body: null },
    { url: '/api/auth/logout', method: 'POST', body: '{}' },
  ]);
});
