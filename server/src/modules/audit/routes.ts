import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditPage, auditQuery } from '../../../../contracts/audit.ts';
import type { Db } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import type { Role } from '../../../../contracts/auth.ts';
import { actorOf } from '../../http/actor.ts';

type Row = {
  id: number;
  at: Date;
  actor_name: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: 'ok' | 'denied' | 'invalid' | 'failed';
  status: number | null;
  detail: Record<string, unknown>;
  total: number;
};

// Who may read the log is auth's permission table, handed in by app.ts: audit is written by
// every module, auth included, so it depends on none of them.
export function auditRoutes(app: FastifyInstance, deps: { db: Db }, readers: readonly Role[]) {
  app.withTypeProvider<ZodTypeProvider>().get(
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
      const { page, pageSize, action, result } = req.query;
      const params: unknown[] = [];
      // Rows of the caller's subtree; rows with no committee (failed logins of unknown
      // names) only for the root admin.
      const where = [
        `(${inScope('c.path', actor.scope, params)}${actor.isRoot ? ' or a.committee_id is null' : ''})`,
      ];
      if (action) where.push(`a.action like $${params.push(`${action}%`)}`);
      if (result) where.push(`a.result = $${params.push(result)}`);
      params.push(pageSize, (page - 1) * pageSize);
      const rows = await deps.db.query<Row>(
        `select a.*, count(*) over () as total from audit_log a
           left join committees c on c.id = a.committee_id
          where ${where.join(' and ')}
          order by a.id desc limit $${params.length - 1} offset $${params.length}`,
        params,
      );
      return {
        items: rows.map((r) => ({
          id: Number(r.id),
          at: new Date(r.at).toISOString(),
          actorName: r.actor_name,
          ip: r.ip,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          result: r.result,
          status: r.status,
          detail: r.detail,
        })),
        total: rows[0]?.total ?? 0,
        page,
        pageSize,
      };
    },
  );
}
