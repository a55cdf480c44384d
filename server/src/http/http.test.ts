import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import type { Session } from '../test-support/app.ts';
import { eachBackend } from '../test-support/suite.ts';

// Bad input never crashes: each gets a 4xx that names the problem, in both languages.
eachBackend('http input handling', (t) => {
  let s: Session;
  let committeeId: string;
  before(async () => {
    await t().account({ username: 'staff', role: 'staff', region: '131100' });
    s = await t().login('staff');
    committeeId = (await t().committee('131121')).id;
  });
  const raw = (payload: string | Buffer, contentType = 'application/json', lang?: string) =>
    t().app.inject({
      method: 'POST',
      url: '/api/sectors',
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        'content-type': contentType,
        ...(lang ? { 'accept-language': lang } : {}),
      },
      payload,
    });

  test('malformed JSON → 400 request.malformed_json', async () => {
    const r = await raw('{"committeeId": ');
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.code, 'request.malformed_json');
    assert.equal(r.json().error.messages.en, 'The request body is not valid JSON');
  });

  test('invalid UTF-8 → 400 request.invalid_utf8', async () => {
    const r = await raw(
      Buffer.concat([Buffer.from('{"committeeId":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    );
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.code, 'request.invalid_utf8');
  });

  test('oversized body → 413', async () => {
    const r = await raw(JSON.stringify({ committeeId, name: 'x'.repeat(2 * 1024 * 1024) }));
    assert.equal(r.statusCode, 413);
    assert.equal(r.json().error.code, 'request.too_large');
  });

  test('unsupported content type → 415', async () => {
    const r = await raw('name=x', 'application/x-www-form-urlencoded');
    assert.equal(r.statusCode, 415);
  });

  test('wrong types, unknown fields, too-long names: each field named, zh-CN and en', async () => {
    const r = await raw(
      JSON.stringify({ committeeId: 42, name: '界'.repeat(101), colour: 'red' }),
      'application/json',
      'en',
    );
    assert.equal(r.statusCode, 400);
    const e = r.json().error;
    assert.equal(e.code, 'request.invalid');
    assert.equal(e.message, 'Some fields are invalid');
    const byField = Object.fromEntries(
      e.fields.map((f: { field: string; problem: string }) => [f.field, f.problem]),
    );
    assert.deepEqual(byField, {
      'body.committeeId': 'invalid_type',
      'body.name': 'too_long',
      'body.colour': 'unknown_field',
    });
    const name = e.fields.find((f: { field: string }) => f.field === 'body.name');
    assert.equal(name.messages['zh-CN'], '名称：最多 100 个字符');
    assert.equal(name.messages.en, 'Name: at most 100 characters');
  });

  test('control characters in a name are refused with the field named', async () => {
    const r = await raw(JSON.stringify({ committeeId, name: '界\u0000别' }));
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.fields[0].problem, 'control_chars');
  });

  test('a bad id in the path or query is a 400, not a 500', async () => {
    assert.equal((await s.get('/api/members/not-a-uuid')).statusCode, 400);
    assert.equal((await s.get('/api/members?page=-1')).statusCode, 400);
    assert.equal((await s.get('/api/members?sort=drop%20table')).statusCode, 400);
  });

  test('unknown API route → 404 in the same error format', async () => {
    const r = await s.get('/api/nothing-here');
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().error.code, 'request.not_found');
  });

  test('the OpenAPI document is served at /api/docs', async () => {
    const r = await t().app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(r.statusCode, 200);
    const doc = r.json();
    assert.ok(doc.paths['/api/members'].get.operationId === 'listMembers');
    assert.ok(doc.paths['/api/auth/login'].post);
  });

  test('any text as a member name is stored as given or refused, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 80 }), async (name) => {
        const r = await s.send('POST', '/api/members', {
          name,
          gender: 'female',
          committeeId,
          workUnitPost: '某单位',
        });
        assert.ok(
          r.statusCode === 200 || r.statusCode === 400,
          `${r.statusCode} for ${JSON.stringify(name)}`,
        );
        if (r.statusCode === 200) assert.equal(r.json().person.name, name.trim());
      }),
      { numRuns: 40 },
    );
  });

  test('refused writes are in the audit log as well', async () => {
    const refused = await raw(JSON.stringify({ committeeId, name: '界\u0000别' }));
    assert.equal(refused.statusCode, 400);
    await t().account({ username: 'auditor', role: 'admin', region: '130000' });
    const a = await t().login('auditor');
    const rows = (await a.get('/api/audit?result=invalid&pageSize=200')).json().items as {
      action: string;
      actorName: string;
    }[];
    assert.ok(rows.some((r) => r.action === 'sectors.create' && r.actorName === 'staff'));
  });

  test('the audit log cannot be changed, even in SQL', async () => {
    await assert.rejects(t().deps.db.query("update audit_log set action = 'x'"), /append-only/);
    await assert.rejects(t().deps.db.query('delete from audit_log'), /append-only/);
  });
});

eachBackend('idempotent writes', (t) => {
  test('a retried write with the same Idempotency-Key runs once and gets the same answer', async () => {
    await t().account({ username: 'staff', role: 'staff', region: '131100' });
    const s = await t().login('staff');
    const committeeId = (await t().committee('131121')).id;
    const send = (key: string, name: string) =>
      t().app.inject({
        method: 'POST',
        url: '/api/members',
        headers: {
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        payload: { name, gender: 'male', committeeId, workUnitPost: '重试测试单位' },
      });
    const first = await send('retry-key-0001', '重试者');
    const second = await send('retry-key-0001', '重试者');
    assert.equal(first.statusCode, 200);
    assert.equal(second.statusCode, 200);
    assert.equal(second.headers['idempotent-replay'], 'true');
    assert.equal(second.json().id, first.json().id);
    const rows = await t().deps.db.query("select 1 from persons where name = '重试者'");
    assert.equal(rows.length, 1);
    const other = await t().app.inject({
      method: 'POST',
      url: '/api/sectors',
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        'content-type': 'application/json',
        'idempotency-key': 'retry-key-0001',
      },
      payload: { committeeId, name: '新界' },
    });
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().error.code, 'request.idempotency_mismatch');
    const fresh = await send('retry-key-0002', '另一位');
    assert.notEqual(fresh.json().id, first.json().id);
  });
});
