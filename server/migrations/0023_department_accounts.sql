-- Handling departments (承办单位) sign in: an account of role 'department' belongs to one
-- department of its committee, and reaches only what is passed to that department.
alter table accounts drop constraint accounts_role_check;
alter table accounts add constraint accounts_role_check
  check (role in ('admin', 'staff', 'member', 'department'));
alter table accounts add column department_id uuid references departments (id);
alter table accounts add constraint accounts_department_role_check
  check ((role = 'department') = (department_id is not null));
create index accounts_department_idx on accounts (department_id) where department_id is not null;
