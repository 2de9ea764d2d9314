-- Tenants upload their own ONNX stage models through the control plane. The bytes live in the
-- database, so every platform instance can serve them; a separate table keeps them out of the
-- artifact rows that every request path reads. An uploaded artifact's location is 'db:<artifact id>'.
create table model_artifact_contents (
    tenant_id   uuid  not null,
    artifact_id uuid  not null,
    content     bytea not null,
    primary key (tenant_id, artifact_id),
    foreign key (tenant_id, artifact_id) references model_artifacts (tenant_id, id) on delete cascade
);

alter table model_artifact_contents enable row level security;
alter table model_artifact_contents force row level security;
create policy tenant_isolation on model_artifact_contents
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- What a worker needs besides the files to serve uploaded models: the input's shape without the
-- batch axis, the class names by index, how an image is normalised ((pixel / 255 - mean) / std) and
-- whether the models output logits (the worker applies softmax) or probabilities.
-- All absent for cascades whose models ship with a manifest of their own (the bundled demo).
alter table cascades
    add column input_shape integer[]
        check (input_shape is null
               or (cardinality(input_shape) between 1 and 4 and 0 < all (input_shape) and array_position(input_shape, null) is null)),
    add column labels text[]
        check (labels is null or cardinality(labels) between 1 and 10000),
    add column preprocessing_mean double precision not null default 0,
    add column preprocessing_std double precision not null default 1 check (preprocessing_std > 0),
    add column stage_output text not null default 'logits' check (stage_output in ('logits', 'probabilities'));
