package io.tierserve.policy.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versioned, self-contained JSON form of a serving policy: what policy-service stores and
 * workers execute.
 *
 * <p>Per stage it holds the parent ({@code -1} = child of the virtual root), the loss of each state
 * (a value of {@code grid}), optionally the confidence bin edges (without them a stage's state is
 * its confidence read as an index) and the p99 latency for the deadline rule. The tables depend on
 * {@code kind}:
 *
 * <ul>
 *   <li>{@code recall-index} (line or out-tree): {@code thresholds[v][parent state]}, stop iff the
 *       grid index of the best loss in hand is {@code <=} it; {@code order[v][parent state]}, the
 *       index that ranks frontier stages (required unless the cascade is a line). Root children use
 *       parent state 0.
 *   <li>{@code recall-skip-table} (line with skips): {@code rootAction} and {@code
 *       actions[i][r][x]}, the next stage or {@code -1} (stop) after stage {@code i} revealed state
 *       {@code r} with best grid index {@code x <= } the loss index of {@code (i, r)}.
 *   <li>{@code no-recall} (line): {@code proceed[i][r]}, whether stage {@code i + 1} runs.
 * </ul>
 *
 * <p>{@link #read(String)} and {@link #toPolicy()} reject invalid documents with an {@link
 * IllegalArgumentException} that names the broken rule.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyDocument(
        int formatVersion,
        String kind,
        List<String> stageIds,
        int[] parents,
        double[] grid,
        double[][] losses,
        double[][] binEdges,
        boolean[] agreement,
        long[] p99Nanos,
        int[][] thresholds,
        double[][] order,
        Integer rootAction,
        int[][][] actions,
        boolean[][] proceed,
        Prediction predicted) {

    /** The format version of documents whose states are confidence bins only. */
    public static final int FORMAT_VERSION = 1;

    /**
     * The format version of documents with {@code agreement}: per stage, whether its state also
     * records agreement with the parent's prediction (states {@code 0..m-1} disagree, {@code
     * m..2m-1} agree; see {@code ConfidenceBins}). Both versions are read; version 1 documents stay
     * valid and are still written when no stage records agreement.
     */
    public static final int FORMAT_VERSION_AGREEMENT = 2;

    public static final String RECALL_INDEX = "recall-index";
    public static final String RECALL_SKIP_TABLE = "recall-skip-table";
    public static final String NO_RECALL = "no-recall";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** What the solver predicted for this policy under its Markov model. */
    public record Prediction(double mu, double objective, double loss, double cost) {}

    /** A document with the common fields set and every table empty; use the {@code with*} methods to add them. */
    public static PolicyDocument of(
            String kind,
            int[] parents,
            double[] grid,
            double[][] losses,
            double[][] binEdges,
            boolean[] agreement,
            long[] p99Nanos,
            Prediction predicted) {
        return new PolicyDocument(
                agreement == null ? FORMAT_VERSION : FORMAT_VERSION_AGREEMENT,
                kind,
                null,
                parents,
                grid,
                losses,
                binEdges,
                agreement,
                p99Nanos,
                null,
                null,
                null,
                null,
                null,
                predicted);
    }

    /** This document with the index tables of a {@code recall-index} policy. */
    public PolicyDocument withIndexTables(int[][] newThresholds, double[][] newOrder) {
        Copy copy = new Copy(this);
        copy.thresholds = newThresholds;
        copy.order = newOrder;
        return copy.build();
    }

    /** This document with the action table of a {@code recall-skip-table} policy. */
    public PolicyDocument withSkipTable(int newRootAction, int[][][] newActions) {
        Copy copy = new Copy(this);
        copy.rootAction = newRootAction;
        copy.actions = newActions;
        return copy.build();
    }

    /** This document with the table of a {@code no-recall} policy. */
    public PolicyDocument withProceed(boolean[][] newProceed) {
        Copy copy = new Copy(this);
        copy.proceed = newProceed;
        return copy.build();
    }

    /** This document with stage ids (in model order), or without them for {@code null}. */
    public PolicyDocument withStageIds(List<String> ids) {
        Copy copy = new Copy(this);
        copy.stageIds = ids == null ? null : List.copyOf(ids);
        return copy.build();
    }

    /** A document's components, changed one by one and built into a new document: the {@code with*} methods. */
    private static final class Copy {

        private final int formatVersion;
        private final String kind;
        private List<String> stageIds;
        private final int[] parents;
        private final double[] grid;
        private final double[][] losses;
        private final double[][] binEdges;
        private final boolean[] agreement;
        private final long[] p99Nanos;
        private int[][] thresholds;
        private double[][] order;
        private Integer rootAction;
        private int[][][] actions;
        private boolean[][] proceed;
        private final Prediction predicted;

        Copy(PolicyDocument d) {
            formatVersion = d.formatVersion;
            kind = d.kind;
            stageIds = d.stageIds;
            parents = d.parents;
            grid = d.grid;
            losses = d.losses;
            binEdges = d.binEdges;
            agreement = d.agreement;
            p99Nanos = d.p99Nanos;
            thresholds = d.thresholds;
            order = d.order;
            rootAction = d.rootAction;
            actions = d.actions;
            proceed = d.proceed;
            predicted = d.predicted;
        }

        PolicyDocument build() {
            return new PolicyDocument(
                    formatVersion,
                    kind,
                    stageIds,
                    parents,
                    grid,
                    losses,
                    binEdges,
                    agreement,
                    p99Nanos,
                    thresholds,
                    order,
                    rootAction,
                    actions,
                    proceed,
                    predicted);
        }
    }

    /** Compact JSON. */
    public String write() {
        return MAPPER.writeValueAsString(this);
    }

    /**
     * Parses and validates a document.
     *
     * @throws IllegalArgumentException on malformed JSON or a document that breaks a rule
     */
    public static PolicyDocument read(String json) {
        PolicyDocument document;
        try {
            document = MAPPER.readValue(json, PolicyDocument.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("malformed policy document: " + e.getOriginalMessage(), e);
        }
        if (document == null) {
            throw new IllegalArgumentException("malformed policy document: empty");
        }
        DocumentValidation.validate(document);
        return document;
    }

    /**
     * The serving rule this document describes; decisions are identical to the policy it was
     * written from.
     *
     * @throws IllegalArgumentException if the document breaks a rule
     */
    public CascadePolicy toPolicy() {
        StageLookup stages = DocumentValidation.validate(this);
        return switch (kind) {
            case RECALL_INDEX -> new RecallIndexPolicy(stages, parents.clone(), thresholds, order);
            case RECALL_SKIP_TABLE -> new SkipTablePolicy(stages, rootAction, actions);
            case NO_RECALL -> new NoRecallPolicy(stages, proceed);
            default -> throw new IllegalArgumentException("unknown policy kind " + kind);
        };
    }
}
