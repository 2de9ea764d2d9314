package io.tierserve.policy.execution;

/**
 * A randomised mixture of two policies: each request follows {@code a} with probability {@code p},
 * else {@code b} (docs/algorithms.md#tiers: the exact mix that puts a tier's constraint on the
 * frontier).
 *
 * <p>The request's coin decides: {@code coin < p} picks {@code a}. The coin is rescaled to [0, 1)
 * before it is handed on, so mixtures nest.
 */
public final class MixedPolicy implements CascadePolicy {

    private final double p;
    private final CascadePolicy a;
    private final CascadePolicy b;

    private MixedPolicy(double p, CascadePolicy a, CascadePolicy b) {
        this.p = p;
        this.a = a;
        this.b = b;
    }

    /**
     * The mixture that follows {@code a} with probability {@code p}.
     *
     * @throws IllegalArgumentException if {@code p} is outside [0, 1] or the stage counts differ
     */
    public static MixedPolicy of(double p, CascadePolicy a, CascadePolicy b) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("mixing probability must be in [0, 1], was " + p);
        }
        if (a.stageCount() != b.stageCount()) {
            throw new IllegalArgumentException("mixed policies must serve the same cascade: " + a.stageCount() + " vs "
                    + b.stageCount() + " stages");
        }
        return new MixedPolicy(p, a, b);
    }

    public double probability() {
        return p;
    }

    @Override
    public int stageCount() {
        return a.stageCount();
    }

    @Override
    public CascadeWalk newWalk() {
        return new Walk(a.newWalk(), b.newWalk());
    }

    private final class Walk implements CascadeWalk {

        private final CascadeWalk first;
        private final CascadeWalk second;
        private CascadeWalk current;

        Walk(CascadeWalk first, CascadeWalk second) {
            this.first = first;
            this.second = second;
            this.current = first;
        }

        @Override
        public void start(double coin) {
            if (coin < p) {
                current = first;
                first.start(coin / p);
            } else {
                current = second;
                second.start(p >= 1 ? 0 : (coin - p) / (1 - p));
            }
        }

        @Override
        public int next(long remainingNanos) {
            return current.next(remainingNanos);
        }

        @Override
        public void reveal(int stage, int prediction, double confidence) {
            current.reveal(stage, prediction, confidence);
        }

        @Override
        public int answer() {
            return current.answer();
        }
    }
}
