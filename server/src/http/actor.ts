import type { FastifyRequest } from 'fastify';
import type { Role, SessionStage } from '../../../contracts/auth.ts';
import type { Scope } from '../db/scope.ts';
import { AppError } from './errors.ts';

// Who is calling: set on the request by auth's guard (modules/auth/guard.ts) from the session,
// read by every module's routes. It lives here, below the modules, so that a module auth
// itself depends on (audit) can read the caller without depending on auth.
export type Actor = {
  accountId: string;
  username: string;
  displayName: string;
  role: Role;
  personId: string | null;
  /** The department a 'department' account answers for (承办单位); null for every other role. */
  departmentId: string | null;
  scope: Scope;
  isRoot: boolean; // scope is a root of the tree (the province/national committee)
  stage: SessionStage;
  sessionIdHash: string;
  csrfToken: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** public: no session; partial: a session at any login stage; default: a full session. */
    auth?: 'public' | 'partial';
    roles?: Role[];
    /** Name of the action in the audit log. */
    action?: string;
  }
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('auth.required');
  return req.actor;
}
