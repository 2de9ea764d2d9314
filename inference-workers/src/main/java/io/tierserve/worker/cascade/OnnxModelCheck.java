package io.tierserve.worker.cascade;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks that ONNX bytes are a stage model a separate-models cascade can serve: one float input of
 * the cascade's shape (batch axis 1 or dynamic) and class scores of the cascade's label count.
 *
 * <p>The model is opened with ONNX Runtime as {@link OrtStageModel} opens it (the scores are the
 * last output not named {@code hidden}) and run once on zeros, so a file that loads but cannot run
 * is refused too.
 */
public final class OnnxModelCheck {

    private OnnxModelCheck() {}

    /**
     * @param inputShape the cascade's input without the batch axis
     * @param classes the number of labels
     * @throws IllegalArgumentException saying what does not fit
     */
    public static void check(byte[] model, List<Integer> inputShape, int classes) {
        Engines.configure(1);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session;
            try {
                session = environment.createSession(model, options);
            } catch (OrtException e) {
                throw new IllegalArgumentException(
                        "the file is not an ONNX model ONNX Runtime can load: " + firstLine(e.getMessage()));
            }
            try (session) {
                check(environment, session, inputShape, classes);
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException("the model cannot run on ONNX Runtime: " + firstLine(e.getMessage()));
        }
    }

    private static void check(OrtEnvironment environment, OrtSession session, List<Integer> inputShape, int classes)
            throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("the model has " + inputs.size() + " inputs; a stage takes exactly one");
        }
        NodeInfo input = inputs.values().iterator().next();
        long[] expected = new long[inputShape.size() + 1];
        expected[0] = 1;
        for (int i = 0; i < inputShape.size(); i++) {
            expected[i + 1] = inputShape.get(i);
        }
        if (!(input.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException("the model's input '" + input.getName() + "' is not a float tensor");
        }
        long[] shape = tensor.getShape();
        boolean fits = shape.length == expected.length;
        for (int i = 0; fits && i < shape.length; i++) {
            // a negative dimension is dynamic (symbolic)
            fits = shape[i] < 0 || shape[i] == expected[i];
        }
        if (!fits) {
            throw new IllegalArgumentException("the model's input '" + input.getName() + "' has shape "
                    + Arrays.toString(shape) + "; the cascade's input is " + Arrays.toString(expected)
                    + " (batch axis 1 or dynamic)");
        }
        String scores = null;
        for (String output : session.getOutputNames()) {
            if (!output.equals("hidden")) {
                scores = output;
            }
        }
        if (scores == null) {
            throw new IllegalArgumentException("the model has no class-score output");
        }
        NodeInfo output = session.getOutputInfo().get(scores);
        if (!(output.getInfo() instanceof TensorInfo scoresInfo) || scoresInfo.type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException("the model's output '" + scores + "' is not a float tensor");
        }
        long[] outShape = scoresInfo.getShape();
        if (outShape.length == 0 || (outShape[outShape.length - 1] >= 0 && outShape[outShape.length - 1] != classes)) {
            throw new IllegalArgumentException("the model's output '" + scores + "' has shape "
                    + Arrays.toString(outShape) + "; its last dimension must be the cascade's " + classes
                    + " labels");
        }
        int size = 1;
        for (int dim : inputShape) {
            size *= dim;
        }
        try (OnnxTensor zeros = OnnxTensor.createTensor(environment, FloatBuffer.wrap(new float[size]), expected);
                OrtSession.Result result = session.run(Map.of(input.getName(), zeros))) {
            int produced = ((OnnxTensor) result.get(scores).orElseThrow())
                    .getFloatBuffer()
                    .remaining();
            if (produced != classes) {
                throw new IllegalArgumentException("the model's output '" + scores + "' has " + produced
                        + " values for one input; the cascade has " + classes + " labels");
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
