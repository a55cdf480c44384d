import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDatabaseUnavailable } from './unavailable.ts';

// The errors a PostgreSQL restart, a cut network or a full pool produce, as pg and Node
// report them; and errors that must stay what they are (a bug is a 500, bad input a 400).
const pgError = (code: string, message = 'x') =>
  Object.assign(new Error(message), { code, severity: 'FATAL' });
const sysError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

test('connection-class and shutdown errors mean the database is unavailable', () => {
  for (const code of ['08000', '08003', '08006', '08001', '08004', '57P01', '57P02', '57P03', '53300'])
    assert.equal(isDatabaseUnavailable(pgError(code)), true, code);
  for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'])
    assert.equal(isDatabaseUnavailable(sysError(code)), true, code);
  assert.equal(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')), true);
  assert.equal(isDatabaseUnavailable(new Error('Connection terminated')), true);
  assert.equal(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')), true);
  assert.equal(
    isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable')),
    true,
  );
  assert.equal(isDatabaseUnavailable(new AggregateError([sysError('ECONNREFUSED')], '')), true);
  assert.equal(isDatabaseUnavailable(new Error('wrapped', { cause: pgError('57P01') })), true);
});

test('other errors are not an outage', () => {
  for (const code of ['23505', '23503', '22P02', '42P01', '40001', '57014', '42501'])
    assert.equal(isDatabaseUnavailable(pgError(code)), false, code);
  assert.equal(
    isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')")),
    false,
  );
  assert.equal(isDatabaseUnavailable(undefined), false);
  assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false);
  assert.equal(isDatabaseUnavailable({ code: 404 }), false);
});
