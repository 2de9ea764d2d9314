package io.tierserve.worker.cascade;

import ai.djl.Device;
import io.tierserve.worker.text.EncoderHead;
import io.tierserve.worker.text.HashedNgrams;
import io.tierserve.worker.text.NgramModel;
import io.tierserve.worker.text.SentenceEncoder;
import java.nio.file.Path;

/** The stage models of a text cascade: they read the text itself and output class probabilities. */
final class TextStageModels {

    private TextStageModels() {}

    static StageModel load(Path file, StageSpec spec, Device device) {
        return switch (spec.engine()) {
            case StageSpec.HASHED_NGRAMS -> ngrams(NgramModel.read(file));
            case StageSpec.SENTENCE_ENCODER -> {
                EncoderHead head = EncoderHead.read(file);
                NgramModel ngrams = head.ngrams() == null ? null : NgramModel.read(file.resolveSibling(head.ngrams()));
                yield encoder(head, ngrams, device);
            }
            default -> throw new IllegalArgumentException("stage " + spec.id() + ": unknown engine " + spec.engine());
        };
    }

    private static String text(Tensor input) {
        if (!input.isText()) {
            throw new IllegalArgumentException("a text stage reads a text, not a tensor");
        }
        return input.text();
    }

    private static StageModel ngrams(NgramModel model) {
        return new StageModel() {
            @Override
            public StageRunner newRunner() {
                HashedNgrams.Scratch scratch = new HashedNgrams.Scratch(model.features());
                return new StageRunner() {
                    @Override
                    public StageOutput run(Tensor input) {
                        return new StageOutput(null, model.probabilities(text(input), scratch));
                    }

                    @Override
                    public void close() {
                        // nothing to release: the scratch is garbage with the runner
                    }
                };
            }

            @Override
            public void close() {
                // plain Java arrays
            }
        };
    }

    private static StageModel encoder(EncoderHead head, NgramModel ngrams, Device device) {
        SentenceEncoder encoder = SentenceEncoder.load(head, 1, device.isGpu());
        return new StageModel() {
            @Override
            public StageRunner newRunner() {
                HashedNgrams.Scratch scratch = ngrams == null ? null : new HashedNgrams.Scratch(ngrams.features());
                return new StageRunner() {
                    @Override
                    public StageOutput run(Tensor input) {
                        float[] embedding = encoder.embed(text(input));
                        float[] features = ngrams == null
                                ? embedding
                                : EncoderHead.stack(
                                        embedding,
                                        ngrams.scores(ngrams.features().extract(text(input), scratch)));
                        return new StageOutput(null, head.probabilities(features));
                    }

                    @Override
                    public void close() {
                        // the encoder is shared and closed with the model
                    }
                };
            }

            @Override
            public void close() {
                encoder.close();
            }
        };
    }
}
