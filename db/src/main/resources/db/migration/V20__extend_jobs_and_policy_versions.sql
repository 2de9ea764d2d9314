-- Recomputation jobs write policy versions idempotently and say what they produced.

-- The job that computed a version (null for versions written by hand or by demo seeding). One
-- version per (job, tier, device class): a job re-run after its processor died cannot duplicate
-- versions (NULL job ids never collide, so seeded versions are unaffected).
alter table policy_versions add column job_id uuid;
alter table policy_versions
    add constraint policy_versions_job_tier_device_key unique (tenant_id, job_id, tier_id, device_class);

-- What a finished job produced (versions per tier and device class, tiers it could not serve),
-- and why it was queued: a stored profile, or enough labelled live feedback.
alter table recomputation_jobs add column result jsonb check (result is null or jsonb_typeof(result) = 'object');
alter table recomputation_jobs
    add column reason text not null default 'PROFILE_STORED' check (reason in ('PROFILE_STORED', 'LIVE_FEEDBACK'));
