-- An in-app notice names its text by a key of contracts/notice-texts.ts with the values of its
-- parameters, and is rendered in its reader's language; a stored Chinese sentence could not
-- be. payload->>'title' stays: rows this migration cannot match keep showing it.
alter table outbox add column message_key text;
alter table outbox add column message_params jsonb;
alter table outbox add constraint outbox_message_key_in_app check (message_key is null or channel = 'in_app');

-- Notices written before: the sentences the code wrote then, back to their keys.
update outbox o set message_key = t.key, message_params = '{}'::jsonb
  from (values
    ('收到一条新的群众诉求，请及时受理', 'concern.new_for_member'),
    ('收到一条新的群众诉求，尚无委员承办，请交办', 'concern.new_unassigned'),
    ('收到一条转交的群众诉求，请及时受理', 'concern.transferred_to_member'),
    ('收到一条交办的群众诉求，请及时受理', 'concern.assigned_to_member'),
    ('您被推荐参与办理一条群众诉求', 'concern.co_handler'),
    ('收到一条交办的群众诉求', 'concern.handed_over'),
    ('一条群众诉求已退回本级机关，请重新交办', 'concern.returned'),
    ('下级上报了一条群众诉求，请交办', 'concern.escalated_from_below'),
    ('群众对答复不满意，诉求已重新打开，请再次办理', 'concern.reopened'),
    ('群众已补充材料，请继续办理', 'concern.info_added'),
    ('机关工作人员为您登记了一条接待中听到的群众诉求', 'concern.recorded_for_member'),
    ('您有一条群众诉求将在24小时内到期，请抓紧办理', 'concern.due_soon'),
    ('您有一条群众诉求已超过办理期限，请尽快办理', 'concern.overdue'),
    ('本级有一条群众诉求将在24小时内到期，尚无委员承办', 'concern.due_soon_unassigned'),
    ('本级有一条群众诉求已超过办理期限', 'concern.overdue_staff')
  ) as t (title, key)
 where o.channel = 'in_app' and o.message_key is null and o.payload->>'title' = t.title;

update outbox set message_key = 'concern.escalated',
       message_params = jsonb_build_object('from', substring(payload->>'title' from '^(.+)上报了一条群众诉求，请交办$'))
 where channel = 'in_app' and message_key is null and kind = 'concern.escalated'
   and payload->>'title' ~ '^.+上报了一条群众诉求，请交办$';

update outbox set message_key = 'common_issue.grown',
       message_params = jsonb_build_object('title', m[1], 'concerns', m[2]::int, 'studios', m[3]::int)
  from (select id as mid, regexp_match(payload->>'title', '^共性问题「(.*)」已有 (\d+) 件诉求，来自 (\d+) 个工作室$') as m
          from outbox where channel = 'in_app' and message_key is null and kind = 'common_issue.grown') g
 where outbox.id = g.mid and g.m is not null;
