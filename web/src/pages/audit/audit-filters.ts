import type { AuditQuery } from '../../../../contracts/audit.ts';
import { auditActions, auditGroups } from '../../../../contracts/audit-texts.ts';

// The log's filters live in the address, so a reload, the back button and a link sent to a
// colleague all show the same entries.
export type AuditFilterValues = Omit<AuditQuery, 'page' | 'pageSize'>;
const results = ['ok', 'denied', 'invalid', 'failed'] as const;
const date = /^\d{4}-\d{2}-\d{2}$/;

/** The filters an address carries; anything not well-formed is left out rather than sent. */
export function filtersOf(p: URLSearchParams): AuditFilterValues {
  const f: AuditFilterValues = {};
  const from = p.get('from');
  const to = p.get('to');
  if (from && date.test(from)) f.from = from;
  if (to && date.test(to)) f.to = to;
  const actor = p.get('actor')?.trim();
  if (actor) f.actor = actor.slice(0, 64);
  const committeeId = p.get('committeeId');
  if (committeeId) f.committeeId = committeeId;
  const group = p.get('group');
  if (group && Object.hasOwn(auditGroups, group)) f.group = group as AuditFilterValues['group'];
  const action = p.get('action');
  if (action && Object.hasOwn(auditActions, action)) f.action = action as AuditFilterValues['action'];
  const result = p.get('result');
  if (result && (results as readonly string[]).includes(result))
    f.result = result as AuditFilterValues['result'];
  return f;
}

/** The address's query for the filters, empty values dropped. */
export function paramsOf(f: AuditFilterValues, page?: { page: number; pageSize: number }): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  if (page && page.page > 1) p.set('page', String(page.page));
  if (page && page.pageSize !== 50) p.set('pageSize', String(page.pageSize));
  return p;
}
