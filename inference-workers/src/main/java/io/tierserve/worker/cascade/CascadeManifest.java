package io.tierserve.worker.cascade;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A cascade's {@code manifest.json}: what the stages are, how they connect, what the input looks like
 * and how to turn an image into it.
 *
 * @param inputShape the first stage's input without the batch axis, e.g. {@code [1, 28, 28]}
 * @param kind {@code early-exit} or {@code separate} (see {@link CascadeKind})
 * @param stages in an order where every parent precedes its children; index = stage index in policies
 * @param input what a caller sends ({@link InputKind}): {@code image} (an image, or a tensor in the input
 *     layout), {@code tensor} or {@code text}; when absent, {@code image} if preprocessing is stated,
 *     else {@code tensor}. A text cascade's input shape is {@code [1]} (one text).
 */
public record CascadeManifest(
        int formatVersion,
        String name,
        String kind,
        List<Integer> inputShape,
        Preprocessing preprocessing,
        List<String> labels,
        List<StageSpec> stages,
        String provenance,
        String input) {

    /** A manifest whose input kind follows from its preprocessing (as before input kinds were stated). */
    public CascadeManifest(
            int formatVersion,
            String name,
            String kind,
            List<Integer> inputShape,
            Preprocessing preprocessing,
            List<String> labels,
            List<StageSpec> stages,
            String provenance) {
        this(formatVersion, name, kind, inputShape, preprocessing, labels, stages, provenance, null);
    }

    public CascadeManifest {
        if (input == null) {
            input = preprocessing != null ? InputKind.IMAGE.json() : InputKind.TENSOR.json();
        }
        InputKind inputKind = InputKind.fromJson(input);
        if (inputKind == InputKind.IMAGE && preprocessing == null) {
            throw new IllegalArgumentException("an image input needs its preprocessing stated");
        }
        if (inputKind == InputKind.TEXT && !List.of(1).equals(inputShape)) {
            throw new IllegalArgumentException("a text input's shape is [1] (one text)");
        }
        inputShape = List.copyOf(inputShape);
        labels = List.copyOf(labels);
        stages = List.copyOf(stages);
        CascadeKind.fromJson(kind);
        Set<String> seen = new HashSet<>();
        for (StageSpec stage : stages) {
            if (stage.parent() != null && !seen.contains(stage.parent())) {
                throw new IllegalArgumentException(
                        "stage " + stage.id() + ": parent " + stage.parent() + " must be listed before it");
            }
            if (!seen.add(stage.id())) {
                throw new IllegalArgumentException("duplicate stage id " + stage.id());
            }
        }
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a cascade needs at least one stage");
        }
    }

    public InputKind inputKind() {
        return InputKind.fromJson(input);
    }

    public CascadeKind cascadeKind() {
        return CascadeKind.fromJson(kind);
    }

    /** Index of stage {@code id}, or -1. */
    public int indexOf(String id) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Per stage, the index of its parent or -1 for a root. */
    public int[] parents() {
        int[] parents = new int[stages.size()];
        for (int i = 0; i < parents.length; i++) {
            String parent = stages.get(i).parent();
            parents[i] = parent == null ? -1 : indexOf(parent);
        }
        return parents;
    }

    /** Number of input elements (product of {@link #inputShape()}). */
    public int inputSize() {
        int size = 1;
        for (int dim : inputShape) {
            size *= dim;
        }
        return size;
    }

    /** The same cascade with every stage served by {@code engine}. */
    public CascadeManifest withEngine(String engine) {
        List<StageSpec> swapped = new ArrayList<>();
        for (StageSpec stage : stages) {
            swapped.add(stage.withEngine(engine));
        }
        return new CascadeManifest(
                formatVersion, name, kind, inputShape, preprocessing, labels, swapped, provenance, input);
    }
}
