import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditSentence, detailWords } from '../../../../contracts/audit-texts.ts';
import { chinaTime } from '../../../../contracts/china-time.ts';
import { filtersOf, paramsOf } from './audit-filters.ts';

test('the log’s filters go to the address and back; what is not well-formed is dropped', () => {
  const f = {
    from: '2026-12-01',
    to: '2026-12-03',
    actor: 'wang',
    group: 'concerns',
    result: 'denied',
  } as const;
  assert.deepEqual(filtersOf(paramsOf(f)), f);
  const odd = filtersOf(new URLSearchParams('from=yesterday&action=drop.table&group=nope&result=maybe'));
  assert.deepEqual(odd, {});
  assert.equal(paramsOf(f, { page: 3, pageSize: 50 }).get('page'), '3');
  assert.equal(paramsOf(f, { page: 1, pageSize: 50 }).has('page'), false);
});

test('entries read as sentences; unknown codes as they are; Beijing time whatever the zone', () => {
  const e = { actorName: '王晓燕', targetType: 'studio', targetId: 'x', targetName: '河西街道委员工作室' };
  assert.equal(
    auditSentence({ ...e, action: 'studios.approve', result: 'ok' }, 'zh-CN'),
    '王晓燕批准上线工作室“河西街道委员工作室”',
  );
  assert.equal(
    auditSentence({ ...e, action: 'studios.approve', result: 'denied' }, 'en'),
    '王晓燕 approved the studio “河西街道委员工作室” (refused)',
  );
  assert.equal(
    auditSentence(
      {
        actorName: null,
        action: 'auth.login',
        targetType: 'account',
        targetId: '64805a6d-0000',
        targetName: null,
        result: 'denied',
      },
      'zh-CN',
    ),
    '未登录的访问者登录账号 64805a6d（被拒绝）',
  );
  assert.equal(
    auditSentence({ ...e, action: 'new.thing', result: 'ok' }, 'zh-CN'),
    '王晓燕new.thing“河西街道委员工作室”',
  );
  assert.equal(
    detailWords({ reason: '材料不全', fields: ['name', 'phone'], n: null }, 'zh-CN'),
    '原因：材料不全；修改的项目：name、phone',
  );
  assert.equal(chinaTime('2026-12-02T17:30:00Z'), '2026-12-03 01:30:00');
  assert.equal(chinaTime('garbage'), '');
});
