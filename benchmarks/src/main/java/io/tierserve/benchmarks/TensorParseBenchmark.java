package io.tierserve.benchmarks;

import io.tierserve.worker.json.PlainJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parsing the public API's body of one 28×28 tensor (784 numbers with 4 decimals, as the
 * serving-overhead benchmark sends; about 5.6 KB) into a {@code float[]}: Jackson's own {@code
 * float[]} deserializer with its fast float parser (the default in Jackson 3) and without it, a
 * hand-written streaming parse of Jackson's tokens, the platform's plain byte reader, and a boxed {@code List<Float>} for what boxing would cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TensorParseBenchmark {

    /** The body with a primitive tensor, as the platform's request records declare it. */
    public record Body(String tier, Tensor tensor) {}

    /** A tensor as {@code TensorInput} declares it. */
    public record Tensor(long[] shape, float[] data) {}

    /** The same body with the data boxed. */
    public record BoxedBody(String tier, BoxedTensor tensor) {}

    /** A tensor whose data is a list of boxed floats. */
    public record BoxedTensor(long[] shape, List<Float> data) {}

    private final JsonMapper fast = JsonMapper.builder().build();
    private final JsonMapper slow = JsonMapper.builder()
            .disable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private byte[] body;

    @Setup
    public void setUp() {
        // Fashion-MNIST-like: about half the pixels background, normalised as the demo manifest says
        SplittableRandom random = new SplittableRandom(11);
        StringJoiner data = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 784; i++) {
            int pixel = random.nextBoolean() ? 0 : random.nextInt(256);
            data.add(String.format(Locale.ROOT, "%.4f", (pixel / 255.0 - 0.286) / 0.353));
        }
        body = ("{\"tier\":\"fast\",\"tensor\":{\"shape\":[1,28,28],\"data\":" + data + "}}")
                .getBytes(StandardCharsets.UTF_8);
        if (!fast.isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER)) {
            throw new IllegalStateException("expected Jackson's fast float parser to be on by default");
        }
    }

    @Benchmark
    public Body floatArrayFastParser() {
        return fast.readValue(body, Body.class);
    }

    @Benchmark
    public Body floatArrayJdkParser() {
        return slow.readValue(body, Body.class);
    }

    @Benchmark
    public BoxedBody boxedList() {
        return fast.readValue(body, BoxedBody.class);
    }

    /** The tensor's data straight from the token stream into a growing {@code float[]}. */
    @Benchmark
    public float[] streaming() {
        try (JsonParser parser = fast.createParser(body)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.PROPERTY_NAME && "data".equals(parser.currentName())) {
                    parser.nextToken();
                    float[] values = new float[1024];
                    int size = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (size == values.length) {
                            values = Arrays.copyOf(values, size * 2);
                        }
                        values[size++] = parser.getFloatValue();
                    }
                    return Arrays.copyOf(values, size);
                }
            }
        }
        throw new IllegalStateException("no data");
    }

    /** The platform's plain reader ({@code PlainJson}): the body's bytes straight into a {@code float[]}. */
    @Benchmark
    public float[] plainReader() {
        PlainJson json = new PlainJson(body, body.length);
        float[] data = null;
        json.expect('{');
        for (String name = json.nextName(true); name != null; name = json.nextName(false)) {
            if (name.equals("tensor")) {
                json.expect('{');
                for (String member = json.nextName(true); member != null; member = json.nextName(false)) {
                    if (member.equals("data")) {
                        data = json.floatArray();
                    } else {
                        json.longArray();
                    }
                }
            } else {
                json.string();
            }
        }
        return data;
    }
}
