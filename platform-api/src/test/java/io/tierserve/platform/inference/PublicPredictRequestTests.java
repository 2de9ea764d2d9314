package io.tierserve.platform.inference;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The hand check the inference fast lane runs instead of Bean Validation gives Bean Validation's
 * verdict on every field at and around each of its bounds, alone and inside a batch.
 */
class PublicPredictRequestTests {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static String text(int length) {
        return "a".repeat(length);
    }

    private static long[] shape(int length) {
        long[] shape = new long[length];
        Arrays.fill(shape, 1);
        return shape;
    }

    private static List<TensorInput> tensors() {
        List<TensorInput> tensors = new ArrayList<>();
        for (long[] shape : new long[][] {null, shape(0), shape(1), shape(8), shape(9)}) {
            for (float[] data :
                    new float[][] {null, new float[0], new float[1], new float[1_048_576], new float[1_048_577]}) {
                tensors.add(new TensorInput(shape, data));
            }
        }
        tensors.add(null);
        return tensors;
    }

    private static List<PublicPredictRequest> requests() {
        List<PublicPredictRequest> requests = new ArrayList<>();
        TensorInput fine = new TensorInput(shape(3), new float[784]);
        for (String tier : new String[] {null, "", text(63), text(64)}) {
            requests.add(new PublicPredictRequest(tier, null, fine, null, null, null));
        }
        for (String image : new String[] {null, "", text(16_000_000), text(16_000_001)}) {
            requests.add(new PublicPredictRequest("fast", image, null, null, null, true));
            requests.add(
                    new PublicPredictRequest("fast", null, null, List.of(new PublicInput(image, null)), null, null));
        }
        for (TensorInput tensor : tensors()) {
            requests.add(new PublicPredictRequest("fast", null, tensor, null, null, false));
            requests.add(
                    new PublicPredictRequest("fast", null, null, List.of(new PublicInput(null, tensor)), null, null));
        }
        List<PublicInput> withNull = new ArrayList<>();
        withNull.add(new PublicInput(null, fine));
        withNull.add(null);
        requests.add(new PublicPredictRequest("fast", null, null, withNull, null, null));
        requests.add(new PublicPredictRequest("fast", null, null, List.of(), null, null));
        for (Double deadline : new Double[] {
            null,
            -1.0,
            0.0,
            Double.MIN_VALUE,
            1.0,
            3_600_000.0,
            Math.nextUp(3_600_000.0),
            3_600_001.0,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY
        }) {
            requests.add(new PublicPredictRequest("fast", null, fine, null, deadline, null));
        }
        return requests;
    }

    @Test
    void theHandCheckAgreesWithBeanValidation() {
        List<PublicPredictRequest> requests = requests();
        int valid = 0;
        for (PublicPredictRequest request : requests) {
            boolean expected = VALIDATOR.validate(request).isEmpty();

            assertThat(request.plainlyValid())
                    .as(
                            "verdict on tier=%s image=%s tensor=%s inputs=%s deadline=%s",
                            request.tier() == null ? null : request.tier().length(),
                            request.image() == null ? null : request.image().length(),
                            request.tensor(),
                            request.inputs(),
                            request.deadlineMs())
                    .isEqualTo(expected);
            valid += expected ? 1 : 0;
        }
        // the cases span both verdicts
        assertThat(valid).isBetween(1, requests.size() - 1);
    }
}
