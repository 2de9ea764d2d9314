package io.tierserve.policy.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Records every decision a policy makes on seeded random requests, so two policies can be compared. */
final class Traces {

    private Traces() {}

    /** Decisions of {@code requests} seeded requests; confidences in [0, maxConfidence), deadlines sometimes tight. */
    static List<Integer> of(CascadePolicy policy, long seed, int requests, double maxConfidence, long maxDeadline) {
        Random rnd = new Random(seed);
        List<Integer> trace = new ArrayList<>();
        CascadeWalk walk = policy.newWalk();
        for (int k = 0; k < requests; k++) {
            walk.start(rnd.nextDouble());
            long remaining = rnd.nextBoolean() ? Long.MAX_VALUE : (long) (rnd.nextDouble() * maxDeadline);
            while (true) {
                int stage = walk.next(remaining);
                trace.add(stage);
                if (stage == CascadePolicy.STOP) {
                    break;
                }
                walk.reveal(stage, 0, rnd.nextDouble() * maxConfidence);
                remaining = remaining == Long.MAX_VALUE ? remaining : remaining - rnd.nextInt(1000);
            }
            trace.add(walk.answer());
        }
        return trace;
    }
}
