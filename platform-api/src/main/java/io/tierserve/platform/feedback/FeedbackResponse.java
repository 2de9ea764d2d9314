package io.tierserve.platform.feedback;

import java.util.List;
import java.util.UUID;

/**
 * A stored label and what it says about the request's answer.
 *
 * @param correct whether the stage that answered predicted the label
 * @param stages each stage that ran: its prediction and whether it was right
 * @param profiled whether the request was fully profiled, so the sample counts towards a live profile
 * @param pendingLiveSamples labelled, fully profiled samples of the cascade not yet in a live profile
 * @param liveProfileSamples how many of them build a live profile
 * @param recomputationJob the job this feedback queued (it completed a live profile), or null
 */
record FeedbackResponse(
        UUID requestId,
        String label,
        int labelIndex,
        boolean correct,
        List<StageResult> stages,
        boolean profiled,
        long pendingLiveSamples,
        int liveProfileSamples,
        UUID recomputationJob) {

    record StageResult(String stage, int classIndex, double confidence, boolean correct) {}
}
