import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditExportQuery, auditPage, auditQuery } from '../../../../contracts/audit.ts';
import type { Role } from '../../../../contracts/auth.ts';
import type { Db } from '../../db/db.ts';
import { actorOf } from '../../http/actor.ts';
import { xlsxType } from '../../http/server.ts';
import { sendFile } from '../../http/send-file.ts';
import type { Clock } from '../../lib/clock.ts';
import { localDate } from '../../lib/local-date.ts';
import { exportLog } from './export.ts';
import { readLog } from './log.ts';
import type { AuditNamers } from './names.ts';

// Who may read the log is auth's permission table, and the names of the objects entries
// point at come from the modules that own them; both are handed in by app.ts: audit is
// written by every module, so it depends on none of them.
export function auditRoutes(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock },
  readers: readonly Role[],
  namers: AuditNamers,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      schema: {
        operationId: 'listAudit',
        tags: ['audit'],
        querystring: auditQuery,
        response: { 200: auditPage },
      },
      config: { roles: [...readers] },
    },
    async (req) => {
      const actor = actorOf(req);
      const { page, pageSize, ...filters } = req.query;
      const found = await readLog(deps.db, namers, actor, filters, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { ...found, page, pageSize };
    },
  );
  r.get(
    '/api/audit/export.xlsx',
    {
      schema: { operationId: 'exportAudit', tags: ['audit'], querystring: auditExportQuery },
      config: { roles: [...readers] },
    },
    async (req, reply) => {
      const a = actorOf(req);
      const buf = await exportLog(
        { ...deps, namers },
        {
          scope: a.scope,
          isRoot: a.isRoot,
          accountId: a.accountId,
          username: a.username,
          committeeId: a.scope.committeeId,
        },
        req.query,
        req.ip,
      );
      return sendFile(reply, xlsxType, `审计日志-${localDate(deps.clock.now())}.xlsx`, buf, 'attachment');
    },
  );
}
