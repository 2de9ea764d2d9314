-- A tier may prefer a device class (a worker pool, such as gpu): its requests go to that pool when
-- it has a worker up and an active policy version for the tier, and to the platform's order of
-- device classes otherwise. Null: no preference.
alter table tiers add column device_class text
    constraint tiers_device_class_rule check (device_class ~ '^[a-z0-9][a-z0-9-]{0,31}$');
