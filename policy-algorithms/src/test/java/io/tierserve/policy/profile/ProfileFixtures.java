package io.tierserve.policy.profile;

/** Small hand-written profiles for tests. */
final class ProfileFixtures {

    private ProfileFixtures() {}

    static String twoStages(String firstParent, String secondParent, String secondConfidence) {
        return """
                {"formatVersion": 1, "cascade": "tiny", "deviceClass": "cpu", "labels": ["a", "b"],
                 "stages": [
                   {"id": "exit1", "parent": %s, "latency": {"cpu": {"meanMs": 0.05, "p50Ms": 0.04, "p99Ms": 0.09}}},
                   {"id": "exit2", "parent": %s, "latency": {"cpu": {"meanMs": 0.2, "p50Ms": 0.18, "p99Ms": 0.4},
                                                             "gpu": {"meanMs": 0.02, "p50Ms": 0.02, "p99Ms": 0.03}}}],
                 "samples": [
                   {"label": 1, "outputs": [{"prediction": 1, "confidence": 0.93}, {"prediction": 1, "confidence": 0.97}]},
                   {"label": 0, "outputs": [{"prediction": 1, "confidence": 0.55}, {"prediction": 0, "confidence": %s}]},
                   {"label": 0, "outputs": [{"prediction": 0, "confidence": 0.6}, {"prediction": 0, "confidence": 0.8}]}]}
                """.formatted(firstParent, secondParent, secondConfidence);
    }

    static String valid() {
        return twoStages("null", "\"exit1\"", "0.7");
    }
}
