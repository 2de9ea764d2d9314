package io.tierserve.worker.cascade;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * Moves a {@link Tensor} into the engine and copies the outputs back out inside the predictor's
 * context, so no native array outlives a call.
 *
 * <p>Outputs are read by name ({@code hidden}, {@code logits}/{@code probabilities}) when the engine
 * names them, else by position (hidden first, scores last). The softmax runs here in Java: DJL's
 * ONNX Runtime engine implements few NDArray operators itself, and it is 10 numbers.
 */
final class StageTranslator implements Translator<Tensor, StageOutput> {

    private final boolean needHidden;
    private final boolean logits;

    StageTranslator(boolean needHidden, boolean logits) {
        this.needHidden = needHidden;
        this.logits = logits;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Tensor input) {
        return new NDList(ctx.getNDManager().create(input.data(), new Shape(input.shape())));
    }

    @Override
    public StageOutput processOutput(TranslatorContext ctx, NDList list) {
        NDArray scores = list.get(list.size() - 1);
        NDArray hidden = list.size() > 1 ? list.get(0) : null;
        for (NDArray array : list) {
            if ("hidden".equals(array.getName())) {
                hidden = array;
            } else if ("logits".equals(array.getName()) || "probabilities".equals(array.getName())) {
                scores = array;
            }
        }
        Tensor hiddenTensor = null;
        if (needHidden) {
            if (hidden == null) {
                throw new IllegalStateException("the stage has children but its model outputs no hidden state");
            }
            hiddenTensor = new Tensor(hidden.toFloatArray(), hidden.getShape().getShape());
        }
        float[] values = scores.toFloatArray();
        return new StageOutput(hiddenTensor, logits ? softmax(values) : values);
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }

    static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        float[] out = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = (float) Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= (float) sum;
        }
        return out;
    }
}
