package io.tierserve.platform.feedback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Feedback settings.
 *
 * @param liveProfileSamples how many new labelled, fully profiled live samples of a cascade build
 *     a live profile and queue its recomputation
 */
@ConfigurationProperties("tierserve.feedback")
record FeedbackProperties(@DefaultValue("1000") int liveProfileSamples) {

    FeedbackProperties {
        if (liveProfileSamples < 2) {
            throw new IllegalArgumentException(
                    "tierserve.feedback.live-profile-samples must be at least 2, was " + liveProfileSamples);
        }
    }
}
