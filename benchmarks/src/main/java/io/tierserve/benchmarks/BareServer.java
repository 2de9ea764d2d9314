package io.tierserve.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.tier.TierResolution;
import io.tierserve.policy.tier.TierResolver;
import io.tierserve.policy.tier.TierSettings;
import io.tierserve.policy.tier.TierSpec;
import io.tierserve.policy.tier.TierStatus;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.execution.InferenceInput;
import io.tierserve.worker.execution.InferenceRequest;
import io.tierserve.worker.execution.Prediction;
import io.tierserve.worker.execution.StageTrace;
import io.tierserve.worker.json.PlainJson;
import io.tierserve.worker.profiling.DemoProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor of the serving-overhead benchmark: the platform's in-process worker (the same {@link
 * InferenceEngine} with the demo cascade, the same one-thread model settings) behind the JDK's HTTP
 * server, with no authentication, no database, no rate limits and no usage records.
 *
 * <p>{@code POST /predict} takes the body of {@code /v1/cascades/fashion-mnist/predict} with a
 * {@code tensor}, reads it as the platform does (the plain form with {@link PlainJson}, any other
 * with Jackson) into a {@code float[]}, and answers
 * with the label, the trace and the worker's {@code latencyMs}. The served policy is the demo's
 * {@code fast} tier resolved the way the platform's demo seeding resolves it: the committed demo
 * profile, the tier's 5-point accuracy tolerance, policy-service's tier resolver with default
 * settings on the profile's device class.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar:inference-workers/target/inference-workers.jar
 * io.tierserve.benchmarks.BareServer <port> [threads]}.
 */
public final class BareServer {

    private static final String CASCADE = "fashion-mnist";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The {@code /v1} body; fields other than these are ignored. */
    record Body(String tier, Tensor tensor) {}

    /** A tensor in the cascade's input layout. */
    record Tensor(long[] shape, float[] data) {}

    private BareServer() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        // as the platform's in-process worker sets them
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        // without it the JDK's server leaves Nagle's algorithm on, and a keep-alive caller waits for
        // the delayed ACK (~40 ms) between a response's header and body writes; Tomcat sets it too
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        Profile profile = DemoProfile.load();
        TierResolution fast = TierResolver.resolve(
                        profile,
                        List.of(new TierSpec("fast", TierSpec.Kind.ACCURACY_TOLERANCE, 0.05, null)),
                        TierSettings.defaults()
                                .withEstimation(
                                        TierSettings.defaults().estimation().withDeviceClass(profile.deviceClass())))
                .get(0);
        if (fast.status() == TierStatus.INFEASIBLE) {
            throw new IllegalStateException("the demo's fast tier resolved to no policy: " + fast.reason());
        }
        CascadePolicy policy = fast.toPolicy();
        InferenceEngine engine = InferenceEngine.withDemo();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/predict", exchange -> predict(exchange, engine, policy));
        server.start();
        System.out.printf(
                "bare server on port %d, %d threads; fast policy: %s, held-out accuracy %.4f, mean latency %.4f ms%n",
                port,
                threads,
                fast.status(),
                fast.heldOut().accuracy(),
                fast.heldOut().meanLatencyMs());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            executor.shutdown();
            engine.close();
        }));
    }

    private static void predict(HttpExchange exchange, InferenceEngine engine, CascadePolicy policy)
            throws IOException {
        try (exchange) {
            byte[] json;
            int status = 200;
            try (InputStream in = exchange.getRequestBody()) {
                json = JSON.writeValueAsBytes(answer(read(in.readAllBytes()), engine, policy));
            } catch (RuntimeException e) {
                status = 400;
                json = JSON.writeValueAsBytes(Map.of("error", e.getClass().getSimpleName()));
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        }
    }

    private static Body read(byte[] bytes) {
        try {
            PlainJson json = new PlainJson(bytes, bytes.length);
            String tier = null;
            Tensor tensor = null;
            json.expect('{');
            for (String name = json.nextName(true); name != null; name = json.nextName(false)) {
                switch (name) {
                    case "tier" -> tier = json.string();
                    case "tensor" -> {
                        long[] shape = null;
                        float[] data = null;
                        json.expect('{');
                        for (String member = json.nextName(true); member != null; member = json.nextName(false)) {
                            switch (member) {
                                case "shape" -> shape = json.longArray();
                                case "data" -> data = json.floatArray();
                                default -> throw PlainJson.notPlain();
                            }
                        }
                        tensor = new Tensor(shape, data);
                    }
                    default -> throw PlainJson.notPlain();
                }
            }
            return new Body(tier, tensor);
        } catch (PlainJson.NotPlain e) {
            return JSON.readValue(bytes, Body.class);
        }
    }

    private static Map<String, Object> answer(Body body, InferenceEngine engine, CascadePolicy policy) {
        Prediction prediction = engine.execute(new InferenceRequest(
                CASCADE,
                policy,
                null,
                new InferenceInput.Raw(body.tensor().shape(), body.tensor().data()),
                Long.MAX_VALUE,
                ThreadLocalRandom.current().nextDouble()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("label", prediction.labelName());
        answer.put("classIndex", prediction.label());
        answer.put("confidence", prediction.confidence());
        answer.put("tier", body.tier());
        answer.put(
                "stagesRun",
                prediction.trace().stages().stream().map(StageTrace::stage).toList());
        answer.put("answeredBy", prediction.trace().answeringStage());
        answer.put("recalled", prediction.trace().recalled());
        answer.put("latencyMs", prediction.trace().totalNanos() / 1e6);
        return answer;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
