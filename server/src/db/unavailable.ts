// Which database errors mean "the database cannot be reached right now" rather than "this
// request is wrong" or "the code is wrong". A PostgreSQL restart, failover or network cut
// shows up as one of these for a second or two; the pool replaces its connections by itself,
// so the answer is 503 with Retry-After (http/error-handler.ts), never 500.
//
// SQLSTATE class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown,
// 57P03 cannot_connect_now (starting up / shutting down), 53300 too_many_connections;
// socket errors from Node; the messages pg gives when a socket ends mid-query or when its
// pool could not hand out a connection in time (connectionTimeoutMillis).

const sqlStates = new Set(['57P01', '57P02', '57P03', '53300']);
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const messages = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /client has encountered a connection error and is not queryable/i,
  /connection (?:ended|closed) unexpectedly/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
];

/** True when `err` (or what it wraps) says the database is unreachable or refusing connections. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') {
    if (/^08[0-9A-Z]{3}$/.test(e.code) || sqlStates.has(e.code) || socketCodes.has(e.code)) return true;
  }
  if (typeof e.message === 'string' && messages.some((m) => m.test(e.message as string))) return true;
  // Node's happy-eyeballs connect gives an AggregateError of one error per address tried.
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
