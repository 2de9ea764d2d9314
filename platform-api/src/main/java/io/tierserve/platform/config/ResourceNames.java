package io.tierserve.platform.config;

/**
 * The rule every user-chosen name follows (tenants, users, cascades, stages, tiers, API keys); the schema
 * checks the same.
 *
 * <p>A name is checked before anything is stored, and it is always safe in a URL path segment, a
 * {@code Location} header, a log line and a CSV cell, so a resource that can be created can always be
 * addressed (read, revoked, deleted) again.
 */
public final class ResourceNames {

    /** A lower-case DNS label: letters, digits and inner hyphens, 1 to 63 characters. */
    public static final String PATTERN = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

    public static final String MESSAGE = "must be 1-63 lower-case letters, digits or inner hyphens";

    private ResourceNames() {}
}
