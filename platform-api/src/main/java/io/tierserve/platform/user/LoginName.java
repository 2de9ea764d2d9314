package io.tierserve.platform.user;

import org.jspecify.annotations.Nullable;

/**
 * What an account signs in as. User names are unique per tenant, so a tenant user's login names
 * the tenant too: {@code <tenant>/<user name>} (neither part can hold a {@code /}); a platform
 * account, which has no tenant, signs in by its plain name.
 *
 * @param tenant the tenant's name; null for a platform account
 * @param username the user name within the tenant, or the platform account's name
 */
record LoginName(@Nullable String tenant, String username) {

    static final char SEPARATOR = '/';

    /** Splits a login at its first {@code /}: a tenant user when there is one, else a platform account. */
    static LoginName parse(String login) {
        int separator = login.indexOf(SEPARATOR);
        return separator < 0
                ? new LoginName(null, login)
                : new LoginName(login.substring(0, separator), login.substring(separator + 1));
    }

    /** The login of {@code username} in {@code tenant}. */
    static String of(String tenant, String username) {
        return tenant + SEPARATOR + username;
    }

    @Override
    public String toString() {
        return tenant == null ? username : of(tenant, username);
    }
}
