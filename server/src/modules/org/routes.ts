import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  byCommitteeQuery,
  committee,
  committeeList,
  committeeSettingsBody,
  department,
  departmentCreateBody,
  departmentList,
  departmentUpdateBody,
  idParams,
  sector,
  sectorCreateBody,
  sectorList,
  sectorUpdateBody,
  specialCommittee,
  specialCommitteeCreateBody,
  specialCommitteeList,
  specialCommitteeUpdateBody,
} from '../../../../contracts/org.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/actor.ts';
import type { Actor } from '../../http/actor.ts';
import * as org from './service.ts';

export function orgRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];

  r.get(
    '/api/committees',
    { schema: { operationId: 'listCommittees', tags, response: { 200: committeeList } } },
    async (req) => ({ items: await org.listCommittees(deps, actorOf(req)) }),
  );
  r.get(
    '/api/committees/:id',
    { schema: { operationId: 'getCommittee', tags, params: idParams, response: { 200: committee } } },
    async (req) => org.getCommittee(deps, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/committees/:id/settings',
    {
      schema: {
        operationId: 'updateCommitteeSettings',
        tags,
        params: idParams,
        body: committeeSettingsBody,
        response: { 200: committee },
      },
      config: { roles: ['admin', 'staff'], action: 'committees.settings' },
    },
    async (req) => org.updateCommitteeSettings(deps, actorOf(req), req.params.id, req.body, req.ip),
  );

  const sectorById = async (actor: Actor, committeeId: string, id: string) =>
    (await org.listSectors(deps, actor, committeeId)).find((s) => s.id === id)!;
  r.get(
    '/api/sectors',
    {
      schema: {
        operationId: 'listSectors',
        tags,
        querystring: byCommitteeQuery,
        response: { 200: sectorList },
      },
    },
    async (req) => ({ items: await org.listSectors(deps, actorOf(req), req.query.committeeId) }),
  );
  r.post(
    '/api/sectors',
    {
      schema: { operationId: 'createSector', tags, body: sectorCreateBody, response: { 200: sector } },
      config: { action: 'sectors.create' },
    },
    async (req) => {
      const id = await org.createNamed(deps, actorOf(req), 'sectors', req.body, req.ip);
      return sectorById(actorOf(req), req.body.committeeId, id);
    },
  );
  r.patch(
    '/api/sectors/:id',
    {
      schema: {
        operationId: 'updateSector',
        tags,
        params: idParams,
        body: sectorUpdateBody,
        response: { 200: sector },
      },
      config: { action: 'sectors.update' },
    },
    async (req) => {
      const committeeId = await org.updateNamed(
        deps,
        actorOf(req),
        'sectors',
        req.params.id,
        req.body,
        req.ip,
      );
      return sectorById(actorOf(req), committeeId, req.params.id);
    },
  );

  const specialById = async (actor: Actor, committeeId: string, id: string) =>
    (await org.listSpecialCommittees(deps, actor, committeeId)).find((s) => s.id === id)!;
  r.get(
    '/api/special-committees',
    {
      schema: {
        operationId: 'listSpecialCommittees',
        tags,
        querystring: byCommitteeQuery,
        response: { 200: specialCommitteeList },
      },
    },
    async (req) => ({ items: await org.listSpecialCommittees(deps, actorOf(req), req.query.committeeId) }),
  );
  r.post(
    '/api/special-committees',
    {
      schema: {
        operationId: 'createSpecialCommittee',
        tags,
        body: specialCommitteeCreateBody,
        response: { 200: specialCommittee },
      },
      config: { action: 'special_committees.create' },
    },
    async (req) => {
      const id = await org.createNamed(deps, actorOf(req), 'special_committees', req.body, req.ip);
      return specialById(actorOf(req), req.body.committeeId, id);
    },
  );
  r.patch(
    '/api/special-committees/:id',
    {
      schema: {
        operationId: 'updateSpecialCommittee',
        tags,
        params: idParams,
        body: specialCommitteeUpdateBody,
        response: { 200: specialCommittee },
      },
      config: { action: 'special_committees.update' },
    },
    async (req) => {
      const committeeId = await org.updateNamed(
        deps,
        actorOf(req),
        'special_committees',
        req.params.id,
        req.body,
        req.ip,
      );
      return specialById(actorOf(req), committeeId, req.params.id);
    },
  );

  r.get(
    '/api/departments',
    {
      schema: {
        operationId: 'listDepartments',
        tags,
        querystring: byCommitteeQuery,
        response: { 200: departmentList },
      },
    },
    async (req) => ({ items: await org.listDepartments(deps, actorOf(req), req.query.committeeId) }),
  );
  r.post(
    '/api/departments',
    {
      schema: {
        operationId: 'createDepartment',
        tags,
        body: departmentCreateBody,
        response: { 200: department },
      },
      config: { action: 'departments.create' },
    },
    async (req) => org.createDepartment(deps, actorOf(req), req.body, req.ip),
  );
  r.patch(
    '/api/departments/:id',
    {
      schema: {
        operationId: 'updateDepartment',
        tags,
        params: idParams,
        body: departmentUpdateBody,
        response: { 200: department },
      },
      config: { action: 'departments.update' },
    },
    async (req) => org.updateDepartment(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
}
