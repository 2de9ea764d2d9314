-- Text cascades: a cascade states what its callers send (an image or a tensor in the input layout,
-- only a tensor, or a text), and a stage may run a text model: a hashed n-gram linear model, or a
-- sentence encoder with a linear head (the bundled spam demo).
alter table cascades
    add column input_kind text not null default 'image'
        check (input_kind in ('image', 'tensor', 'text'));

alter table model_artifacts drop constraint model_artifacts_format_check;
alter table model_artifacts
    add constraint model_artifacts_format_check
        check (format in ('ONNX', 'TORCHSCRIPT', 'DJL', 'HASHED_NGRAMS', 'ENCODER_HEAD'));

alter table model_artifacts drop constraint model_artifacts_engine_check;
alter table model_artifacts
    add constraint model_artifacts_engine_check
        check (engine in ('OnnxRuntime', 'PyTorch', 'HashedNgrams', 'SentenceEncoder'));
