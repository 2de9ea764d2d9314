package io.tierserve.platform.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant user as admins see it (never the password hash).
 *
 * @param username the name, unique within the tenant
 * @param login what the user signs in as: {@code <tenant>/<user name>}
 */
record UserResponse(UUID id, String username, String login, List<String> roles, boolean enabled, Instant createdAt) {

    static UserResponse of(UserAccount account, String tenant) {
        return new UserResponse(
                account.id(),
                account.username(),
                LoginName.of(tenant, account.username()),
                account.roles().stream().map(Role::name).sorted().toList(),
                account.enabled(),
                account.createdAt());
    }
}
