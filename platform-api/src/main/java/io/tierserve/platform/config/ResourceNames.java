package io.tierserve.platform.config;

/** The rule every user-chosen name follows (tenants, cascades, stages, tiers); the schema checks the same. */
public final class ResourceNames {

    /** A lower-case DNS label: letters, digits and inner hyphens, 1 to 63 characters. */
    public static final String PATTERN = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

    public static final String MESSAGE = "must be 1-63 lower-case letters, digits or inner hyphens";

    private ResourceNames() {}
}
