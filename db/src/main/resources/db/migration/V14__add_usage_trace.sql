-- The trace of a request, so an auditor can ask which policy version and stages answered it:
-- the stages run in order and the one whose output answered (names, as in the response).
alter table usage_records add column stages text[] not null default '{}';
alter table usage_records add column answered_by text;
