package io.tierserve.platform.serving;

import org.jspecify.annotations.Nullable;

/**
 * Request limits of a tenant or a tier; null means unlimited.
 *
 * @param perSecond requests in any one-second interval, over every instance
 * @param perDay requests per UTC day, over every instance
 */
public record Limits(@Nullable Integer perSecond, @Nullable Long perDay) {

    /** No limit at all. */
    public static final Limits NONE_SET = new Limits(null, null);

    /** Whether any limit is set. */
    public boolean any() {
        return perSecond != null || perDay != null;
    }
}
