-- Workers register by the name they report (stable across restarts, so a restarted worker takes its
-- registration back), with the model keys they hold; every platform instance reads this table to
-- route requests, so every instance sees every worker.
alter table worker_registrations add column name text;
update worker_registrations set name = id::text where name is null;
alter table worker_registrations alter column name set not null;
alter table worker_registrations add constraint worker_registrations_name_check
    check (name ~ '^[a-z0-9][a-z0-9._-]{0,99}$');
alter table worker_registrations add constraint worker_registrations_name_key unique (name);
alter table worker_registrations add column cascades text[] not null default '{}';
alter table worker_registrations alter column id set default gen_random_uuid();
