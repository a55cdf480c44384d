import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  exportQuery,
  exportStarted,
  exportStatus,
  exportUnmaskedBody,
  importFailure,
  importQuery,
  importResult,
  importStarted,
  importStatus,
  memberCreateBody,
  memberDetail,
  memberListQuery,
  memberPage,
  memberRetireBody,
  memberUpdateBody,
} from '../../../../contracts/members.ts';
import { chinaTime } from '../../../../contracts/china-time.ts';
import { idParams } from '../../../../contracts/org.ts';
import type { Deps } from '../../deps.ts';
import { AppError, errorBodyOf, langOf } from '../../http/errors.ts';
import { xlsxType } from '../../http/server.ts';
import { actorOf } from '../../http/actor.ts';
import { permissions } from '../auth/policy.ts';
import { memberCardRoutes } from './card-routes.ts';
import { exportRoster, rosterTemplate } from './roster-export.ts';
import { getExportFile, getExportStatus, startExport } from './roster-export-runs.ts';
import { importRoster } from './roster-import.ts';
import { getBadRows, getImportStatus } from './roster-runs.ts';
import { createMember, getMember, listMemberPage, retireMember, updateMember } from './service.ts';

// The date in the file's name is the office's (Beijing) date, not UTC's.
const stamp = (d: Date) => chinaTime(d).slice(0, 10).replace(/-/g, '');
const attachment = (name: string) =>
  `attachment; filename="members.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function memberRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['members'];
  const readRoles = [...permissions['members.read']];

  r.get(
    '/api/members',
    {
      schema: {
        operationId: 'listMembers',
        tags,
        querystring: memberListQuery,
        response: { 200: memberPage },
      },
      config: { roles: readRoles },
    },
    async (req) => listMemberPage(deps, actorOf(req), req.query),
  );
  r.get(
    '/api/members/export.xlsx',
    {
      schema: { operationId: 'exportMembers', tags, querystring: exportQuery },
      config: { roles: [...permissions['members.export']] },
    },
    async (req, reply) => {
      const buf = await exportRoster(deps, actorOf(req), req.query, req.ip);
      return reply
        .type(xlsxType)
        .header('content-disposition', attachment(`委员名册-${stamp(deps.clock.now())}.xlsx`))
        .send(buf);
    },
  );
  // The same file prepared in the background: the page follows its progress, then downloads it.
  r.post(
    '/api/members/exports',
    {
      schema: {
        operationId: 'startMemberExport',
        tags,
        querystring: exportQuery,
        response: { 202: exportStarted },
      },
      config: { roles: [...permissions['members.export']], action: 'members.export' },
    },
    async (req, reply) => {
      const { exportId } = await startExport(deps, actorOf(req), req.query, req.ip);
      return reply.code(202).send({ exportId });
    },
  );
  r.get(
    '/api/members/exports/:id',
    {
      schema: { operationId: 'getMemberExport', tags, params: idParams, response: { 200: exportStatus } },
      config: { roles: [...permissions['members.export']] },
    },
    async (req) => getExportStatus(deps, actorOf(req), req.params.id),
  );
  r.get(
    '/api/members/exports/:id/file',
    {
      schema: { operationId: 'getMemberExportFile', tags, params: idParams },
      config: { roles: [...permissions['members.export']] },
    },
    async (req, reply) =>
      reply
        .type(xlsxType)
        .header('content-disposition', attachment(`委员名册-${stamp(deps.clock.now())}.xlsx`))
        .send(await getExportFile(deps, actorOf(req), req.params.id)),
  );
  // POST: the reason goes in the body (not in a URL, which logs keep) under the CSRF check.
  r.post(
    '/api/members/export-unmasked.xlsx',
    {
      schema: {
        operationId: 'exportMembersUnmasked',
        tags,
        querystring: exportQuery,
        body: exportUnmaskedBody,
      },
      config: { roles: [...permissions['members.exportUnmasked']], action: 'members.export_unmasked' },
    },
    async (req, reply) => {
      const buf = await exportRoster(deps, actorOf(req), req.query, req.ip, {
        masked: false,
        reason: req.body.reason,
      });
      return reply
        .type(xlsxType)
        .header('content-disposition', attachment(`委员名册-完整号码-${stamp(deps.clock.now())}.xlsx`))
        .send(buf);
    },
  );
  r.get(
    '/api/members/import-template.xlsx',
    { schema: { operationId: 'memberImportTemplate', tags }, config: { roles: readRoles } },
    async (_req, reply) =>
      reply
        .type(xlsxType)
        .header('content-disposition', attachment('委员名册导入模板.xlsx'))
        .send(await rosterTemplate()),
  );
  r.post(
    '/api/members/import',
    {
      schema: {
        operationId: 'importMembers',
        tags,
        querystring: importQuery,
        body: z.instanceof(Buffer).describe('the .xlsx file itself, as the request body'),
        response: { 200: importResult, 202: importStarted, 422: importFailure },
      },
      config: { roles: [...permissions['members.write']], action: 'members.import' },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('request.unsupported_type');
      const out = await importRoster(deps, actorOf(req), {
        committeeId: req.query.committeeId,
        dryRun: req.query.dryRun === 'true',
        file: req.body,
        ip: req.ip,
        log: req.log,
      });
      if (out.kind === 'done') return out.result;
      // A big roster goes on in the background: the page follows GET /api/members/imports/:id.
      if (out.kind === 'started')
        return reply.code(202).send({ importId: out.importId, rows: out.rows, dryRun: out.dryRun });
      const body = errorBodyOf(
        new AppError('members.import_invalid'),
        langOf(req.headers['accept-language']),
      );
      return reply.code(422).send({ ...body, ...out.failure });
    },
  );
  r.get(
    '/api/members/imports/:id',
    {
      schema: { operationId: 'getMemberImport', tags, params: idParams, response: { 200: importStatus } },
      config: { roles: [...permissions['members.write']] },
    },
    async (req) => getImportStatus(deps, actorOf(req), req.params.id),
  );
  r.get(
    '/api/members/imports/:id/bad-rows.xlsx',
    {
      schema: { operationId: 'memberImportBadRows', tags, params: idParams },
      config: { roles: [...permissions['members.write']] },
    },
    async (req, reply) =>
      reply
        .type(xlsxType)
        .header('content-disposition', attachment('委员名册-待修改的行.xlsx'))
        .send(await getBadRows(deps, actorOf(req), req.params.id)),
  );
  r.get(
    '/api/members/:id',
    {
      schema: { operationId: 'getMember', tags, params: idParams, response: { 200: memberDetail } },
      config: { roles: readRoles },
    },
    async (req) => getMember(deps, actorOf(req), req.params.id),
  );
  r.post(
    '/api/members',
    {
      schema: { operationId: 'createMember', tags, body: memberCreateBody, response: { 200: memberDetail } },
      config: { roles: [...permissions['members.write']], action: 'members.create' },
    },
    async (req) => createMember(deps, actorOf(req), req.body, req.ip),
  );
  r.patch(
    '/api/members/:id',
    {
      schema: {
        operationId: 'updateMember',
        tags,
        params: idParams,
        body: memberUpdateBody,
        response: { 200: memberDetail },
      },
      config: { roles: [...permissions['members.write']], action: 'members.update' },
    },
    async (req) => updateMember(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  r.post(
    '/api/members/:id/retire',
    {
      schema: {
        operationId: 'retireMember',
        tags,
        params: idParams,
        body: memberRetireBody,
        response: { 200: memberDetail },
      },
      config: { roles: [...permissions['members.write']], action: 'members.retire' },
    },
    async (req) => retireMember(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  memberCardRoutes(app, deps);
}
