// The console's map of the HTTP API: operation ("METHOD /api/path") → the zod schemas its route declares.
// web/src/api.ts types its calls from it, so a changed contract breaks the build rather than a page.
import type { z } from 'zod';
import {
  account,
  accountBatchBody,
  accountBatchResult,
  accountCreateBody,
  accountList,
  accountUpdateBody,
  loginBody,
  passwordChangeBody,
  sessionBody,
  totpBody,
  totpSetupBody,
} from './auth.ts';
import { auditPage, auditQuery } from './audit.ts';
import {
  commonIssueActed,
  commonIssueDetail,
  commonIssueList,
  commonIssueListQuery,
  commonIssueParams,
  detachBody,
  mergeBody,
  rebuildBody,
  rebuildStarted,
  reportDraftStarted,
  splitBody,
} from './common-issues.ts';
import { okBody } from './common.ts';
import {
  askInfoBody,
  assignBody,
  concernActed,
  concernDetail,
  concernIdParams,
  concernList,
  concernListQuery,
  concernPhone,
  escalateBody,
  extendBody,
  inbox,
  inboxQuery,
  replyBody,
  askReturnBody,
  sendBackBody,
  toDepartmentBody,
  serviceDeedBody,
  setDeadlineBody,
  smsCodeBody,
  smsCodeSent,
  transferBody,
} from './concerns.ts';
import {
  exportQuery,
  exportStarted,
  exportStatus,
  importStatus,
  memberCreateBody,
  memberDetail,
  memberListQuery,
  memberPage,
  memberRetireBody,
  memberUpdateBody,
} from './members.ts';
import { noticeIdParams, noticeList, noticeListQuery, noticeRead, noticesReadAll } from './notify.ts';
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
} from './org.ts';
import { concernRouting, routeBody } from './routing.ts';
import { searchQuery, searchResult } from './search.ts';
import {
  dutyEntryParams,
  dutyQuery,
  dutyRoster,
  dutyRuleBody,
  dutySlotBody,
  standardChecksBody,
  studio,
  studioCreateBody,
  studioList,
  studioListQuery,
  studioMemberBody,
  studioMemberParams,
  studioReviewBody,
  studioStandard,
  studioStandardCreateBody,
  studioStandardList,
  studioUpdateBody,
} from './studios.ts';
import { workbench, workbenchQuery } from './workbench.ts';

export type Operation = {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
};

export const apiMap = {
  'POST /api/auth/login': { body: loginBody, response: sessionBody },
  'GET /api/auth/session': { response: sessionBody },
  'POST /api/auth/totp': { body: totpBody, response: sessionBody },
  'GET /api/auth/totp/setup': { response: totpSetupBody },
  'POST /api/auth/totp/enroll': { body: totpBody, response: sessionBody },
  'POST /api/auth/password': { body: passwordChangeBody, response: sessionBody },
  'POST /api/auth/logout': { response: okBody },

  'GET /api/accounts': { response: accountList },
  'POST /api/accounts': { body: accountCreateBody, response: account },
  'POST /api/accounts/batch': { body: accountBatchBody, response: accountBatchResult },
  'PATCH /api/accounts/:id': { params: idParams, body: accountUpdateBody, response: account },
  'POST /api/accounts/:id/unlock': { params: idParams, response: account },

  'POST /api/public/sms-codes': { body: smsCodeBody, response: smsCodeSent },
  'GET /api/notices': { query: noticeListQuery, response: noticeList },
  'POST /api/notices/read-all': { response: noticesReadAll },
  'POST /api/notices/:id/read': { params: noticeIdParams, response: noticeRead },

  'GET /api/search': { query: searchQuery, response: searchResult },
  'GET /api/workbench': { query: workbenchQuery, response: workbench },

  'GET /api/committees': { response: committeeList },
  'GET /api/committees/:id': { params: idParams, response: committee },
  'PATCH /api/committees/:id/settings': {
    params: idParams,
    body: committeeSettingsBody,
    response: committee,
  },
  'GET /api/sectors': { query: byCommitteeQuery, response: sectorList },
  'POST /api/sectors': { body: sectorCreateBody, response: sector },
  'PATCH /api/sectors/:id': { params: idParams, body: sectorUpdateBody, response: sector },
  'GET /api/special-committees': { query: byCommitteeQuery, response: specialCommitteeList },
  'POST /api/special-committees': { body: specialCommitteeCreateBody, response: specialCommittee },
  'PATCH /api/special-committees/:id': {
    params: idParams,
    body: specialCommitteeUpdateBody,
    response: specialCommittee,
  },
  'GET /api/departments': { query: byCommitteeQuery, response: departmentList },
  'POST /api/departments': { body: departmentCreateBody, response: department },
  'PATCH /api/departments/:id': { params: idParams, body: departmentUpdateBody, response: department },

  'GET /api/studios': { query: studioListQuery, response: studioList },
  'POST /api/studios': { body: studioCreateBody, response: studio },
  'GET /api/studios/:id': { params: idParams, response: studio },
  'PATCH /api/studios/:id': { params: idParams, body: studioUpdateBody, response: studio },
  'POST /api/studios/:id/members': { params: idParams, body: studioMemberBody, response: studio },
  'DELETE /api/studios/:id/members/:personId': { params: studioMemberParams, response: studio },
  'PUT /api/studios/:id/standards': { params: idParams, body: standardChecksBody, response: studio },
  'POST /api/studios/:id/submit': { params: idParams, response: studio },
  'POST /api/studios/:id/review': { params: idParams, body: studioReviewBody, response: studio },
  'GET /api/studios/:id/duty': { params: idParams, query: dutyQuery, response: dutyRoster },
  'POST /api/studios/:id/duty-rules': { params: idParams, body: dutyRuleBody, response: dutyRoster },
  'DELETE /api/studios/:id/duty-rules/:entryId': { params: dutyEntryParams, response: dutyRoster },
  'POST /api/studios/:id/duty-slots': { params: idParams, body: dutySlotBody, response: dutyRoster },
  'DELETE /api/studios/:id/duty-slots/:entryId': { params: dutyEntryParams, response: dutyRoster },
  'GET /api/studio-standards': { query: byCommitteeQuery, response: studioStandardList },
  'POST /api/studio-standards': { body: studioStandardCreateBody, response: studioStandard },

  'GET /api/members': { query: memberListQuery, response: memberPage },
  'POST /api/members': { body: memberCreateBody, response: memberDetail },
  'GET /api/members/imports/:id': { params: idParams, response: importStatus },
  'POST /api/members/exports': { query: exportQuery, response: exportStarted },
  'GET /api/members/exports/:id': { params: idParams, response: exportStatus },
  'GET /api/members/:id': { params: idParams, response: memberDetail },
  'PATCH /api/members/:id': { params: idParams, body: memberUpdateBody, response: memberDetail },
  'POST /api/members/:id/retire': { params: idParams, body: memberRetireBody, response: memberDetail },

  'GET /api/audit': { query: auditQuery, response: auditPage },

  'GET /api/concerns/inbox': { query: inboxQuery, response: inbox },
  'GET /api/concerns': { query: concernListQuery, response: concernList },
  'GET /api/concerns/:id': { params: concernIdParams, response: concernDetail },
  'GET /api/concerns/:id/phone': { params: concernIdParams, response: concernPhone },
  'POST /api/concerns/:id/accept': { params: concernIdParams, response: concernActed },
  'POST /api/concerns/:id/reply': { params: concernIdParams, body: replyBody, response: concernActed },
  'POST /api/concerns/:id/ask-info': { params: concernIdParams, body: askInfoBody, response: concernActed },
  'POST /api/concerns/:id/to-department': {
    params: concernIdParams,
    body: toDepartmentBody,
    response: concernActed,
  },
  'POST /api/concerns/:id/ask-return': {
    params: concernIdParams,
    body: askReturnBody,
    response: concernActed,
  },
  'POST /api/concerns/:id/accept-return': { params: concernIdParams, response: concernActed },
  'POST /api/concerns/:id/approve-reply': { params: concernIdParams, response: concernActed },
  'POST /api/concerns/:id/send-back-reply': {
    params: concernIdParams,
    body: sendBackBody,
    response: concernActed,
  },
  'POST /api/concerns/:id/transfer': { params: concernIdParams, body: transferBody, response: concernActed },
  'POST /api/concerns/:id/escalate': { params: concernIdParams, body: escalateBody, response: concernActed },
  'POST /api/concerns/:id/assign': { params: concernIdParams, body: assignBody, response: concernActed },
  'POST /api/concerns/:id/extend': { params: concernIdParams, body: extendBody, response: concernActed },
  'POST /api/concerns/:id/deadline': {
    params: concernIdParams,
    body: setDeadlineBody,
    response: concernActed,
  },
  'POST /api/concerns/:id/service-deed': {
    params: concernIdParams,
    body: serviceDeedBody,
    response: concernActed,
  },
  'GET /api/concerns/:id/routing': { params: concernIdParams, response: concernRouting },
  'POST /api/concerns/:id/routing': { params: concernIdParams, body: routeBody, response: concernActed },

  'GET /api/common-issues': { query: commonIssueListQuery, response: commonIssueList },
  'GET /api/common-issues/:id': { params: commonIssueParams, response: commonIssueDetail },
  'POST /api/common-issues/:id/confirm': { params: commonIssueParams, response: commonIssueActed },
  'POST /api/common-issues/:id/detach': {
    params: commonIssueParams,
    body: detachBody,
    response: commonIssueActed,
  },
  'POST /api/common-issues/:id/split': {
    params: commonIssueParams,
    body: splitBody,
    response: commonIssueActed,
  },
  'POST /api/common-issues/:id/merge': {
    params: commonIssueParams,
    body: mergeBody,
    response: commonIssueActed,
  },
  'POST /api/common-issues/:id/report-draft': { params: commonIssueParams, response: reportDraftStarted },
  'POST /api/common-issues/rebuild': { body: rebuildBody, response: rebuildStarted },
} satisfies Record<string, Operation>;

export type ApiMap = typeof apiMap;
export type OperationKey = keyof ApiMap;
