package io.tierserve.worker.training;

import java.util.List;

/**
 * One exit of the early-exit network: a trunk block that continues from the parent's hidden state,
 * and a head that turns the trunk's output into class logits.
 */
record StageArchitecture(String id, List<Layer> trunk, List<Layer> head) {

    StageArchitecture {
        trunk = List.copyOf(trunk);
        head = List.copyOf(head);
    }
}
