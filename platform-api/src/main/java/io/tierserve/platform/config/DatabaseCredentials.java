package io.tierserve.platform.config;

/**
 * A role of the embedded PostgreSQL and its password.
 *
 * @param username the role's name
 * @param password its password (scram-sha-256 authentication)
 */
public record DatabaseCredentials(String username, String password) {

    @Override
    public String toString() {
        return "DatabaseCredentials[username=" + username + ", password=***]";
    }
}
