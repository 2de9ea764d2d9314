package io.tierserve.worker.execution;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.worker.cascade.CascadeKind;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.CascadeSession;
import io.tierserve.worker.cascade.InputKind;
import io.tierserve.worker.cascade.LoadedCascade;
import io.tierserve.worker.cascade.StageOutput;
import io.tierserve.worker.cascade.Tensor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The worker's in-process API: loads cascades once, executes requests under a policy with recall,
 * and closes every model on {@link #close()}. Thread-safe; each concurrent call borrows its own
 * {@link CascadeSession} (predictors are never shared between threads) from a per-cascade pool.
 */
public final class InferenceEngine implements AutoCloseable {

    /** The classpath directory of the committed demo cascade. */
    public static final String DEMO_RESOURCE = "demo/fashion-mnist";

    /** The classpath directory of the committed text demo cascade ({@code spam}). */
    public static final String SPAM_RESOURCE = "demo/spam";

    private static final int WARMUP_ROUNDS = 20;
    private static final String WARMUP_TEXT =
            "Subject: warm-up\n\nA short text that runs every stage's tokenizer and model once.";

    private final Map<String, Entry> cascades = new ConcurrentHashMap<>();

    private record Entry(LoadedCascade cascade, Queue<CascadeSession> idle, Queue<CascadeSession> all) {}

    /** An engine with no cascades yet. */
    public static InferenceEngine create() {
        return new InferenceEngine();
    }

    /** An engine serving the committed demo cascade ({@code fashion-mnist}). */
    public static InferenceEngine withDemo() {
        InferenceEngine engine = new InferenceEngine();
        engine.load(DemoCascade.directory());
        return engine;
    }

    /** The committed demo cascade's files, extracted from the classpath once per process. */
    public static Path demoDirectory() {
        return DemoCascade.directory();
    }

    /** The committed text demo cascade's files ({@code spam}), extracted from the classpath once per process. */
    public static Path spamDirectory() {
        return DemoCascade.directory(SPAM_RESOURCE);
    }

    /** Loads the cascade in {@code dir} (its manifest names it) and returns its name. */
    public String load(Path dir) {
        return register(LoadedCascade.load(dir));
    }

    /**
     * Registers an already loaded cascade; the engine then owns (and closes) it. A cascade of the same
     * name is replaced and closed at once, so replace a cascade only while no request is using it.
     */
    public String register(LoadedCascade cascade) {
        String name = cascade.manifest().name();
        Entry previous =
                cascades.put(name, new Entry(cascade, new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>()));
        if (previous != null) {
            close(previous);
        }
        warmUp(name);
        return name;
    }

    /**
     * Runs every stage a few times on a zero input and initialises image decoding, so the first real
     * request does not pay for lazy initialisation (and miss a tight deadline because of it).
     */
    private void warmUp(String cascade) {
        CascadeManifest manifest = manifest(cascade);
        Tensor zeros = manifest.inputKind() == InputKind.TEXT
                ? Tensor.ofText(WARMUP_TEXT)
                : InputDecoder.decode(
                        new InferenceInput.Raw(
                                manifest.inputShape().stream()
                                        .mapToLong(Integer::longValue)
                                        .toArray(),
                                new float[manifest.inputSize()]),
                        manifest);
        int[] parents = manifest.parents();
        boolean earlyExit = manifest.cascadeKind() == CascadeKind.EARLY_EXIT;
        withSession(cascade, session -> {
            for (int round = 0; round < WARMUP_ROUNDS; round++) {
                StageOutput[] outputs = new StageOutput[parents.length];
                for (int s = 0; s < parents.length; s++) {
                    outputs[s] = session.run(s, earlyExit && parents[s] >= 0 ? outputs[parents[s]].hidden() : zeros);
                }
            }
            return null;
        });
        InputDecoder.warmUp();
    }

    /**
     * Removes a cascade: new requests no longer find it, and its models close once {@code grace} has
     * passed (requests already running on it finish first; closing under a running stage would fail
     * it). Returns whether it was loaded.
     */
    public boolean unload(String cascade, Duration grace) {
        Entry entry = cascades.remove(cascade);
        if (entry == null) {
            return false;
        }
        CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> close(entry));
        return true;
    }

    public Set<String> cascades() {
        return new TreeSet<>(cascades.keySet());
    }

    public CascadeManifest manifest(String cascade) {
        return entry(cascade).cascade().manifest();
    }

    /** Executes one request with no deadline and a random coin. */
    public Prediction execute(String cascade, CascadePolicy policy, InferenceInput input) {
        return execute(new InferenceRequest(
                cascade,
                policy,
                null,
                input,
                Long.MAX_VALUE,
                ThreadLocalRandom.current().nextDouble()));
    }

    /**
     * Executes one request: decodes and preprocesses the input, walks the policy, answers with the
     * best output seen.
     *
     * @throws InvalidInputException when the input does not fit the cascade
     * @throws NoSuchElementException when no such cascade is loaded
     */
    public Prediction execute(InferenceRequest request) {
        long start = System.nanoTime();
        Entry entry = entry(request.cascade());
        CascadeManifest manifest = entry.cascade().manifest();
        Tensor input = InputDecoder.decode(request.input(), manifest);
        CascadeSession session = borrow(entry);
        try {
            return CascadeExecutor.execute(
                    manifest,
                    session,
                    request.policy(),
                    request.bins(),
                    input,
                    request.budgetNanos(),
                    request.coin(),
                    start);
        } finally {
            entry.idle().offer(session);
        }
    }

    /**
     * {@code input} in the first stage's layout of a cascade with this manifest: what a caller can
     * check before sending the input to any worker.
     *
     * @throws InvalidInputException when the input does not fit the cascade
     */
    public static Tensor preprocess(CascadeManifest manifest, InferenceInput input) {
        return InputDecoder.decode(input, manifest);
    }

    /**
     * The first stage's input for {@code input}, preprocessed per the cascade's manifest.
     *
     * @throws InvalidInputException when the input does not fit the cascade
     */
    public Tensor preprocess(String cascade, InferenceInput input) {
        return InputDecoder.decode(input, manifest(cascade));
    }

    /**
     * Lends {@code cascade}'s session to {@code work} on the calling thread (profiling and benchmarks
     * run stages directly).
     */
    public <T> T withSession(String cascade, Function<CascadeSession, T> work) {
        Entry entry = entry(cascade);
        CascadeSession session = borrow(entry);
        try {
            return work.apply(session);
        } finally {
            entry.idle().offer(session);
        }
    }

    private Entry entry(String cascade) {
        Entry entry = cascades.get(cascade);
        if (entry == null) {
            throw new NoSuchElementException("no cascade named " + cascade + " is loaded");
        }
        return entry;
    }

    private static CascadeSession borrow(Entry entry) {
        CascadeSession session = entry.idle().poll();
        if (session == null) {
            session = entry.cascade().newSession();
            entry.all().add(session);
        }
        return session;
    }

    @Override
    public void close() {
        cascades.values().forEach(InferenceEngine::close);
        cascades.clear();
    }

    private static void close(Entry entry) {
        entry.all().forEach(CascadeSession::close);
        entry.cascade().close();
    }
}
