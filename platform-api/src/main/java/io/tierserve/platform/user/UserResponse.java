package io.tierserve.platform.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant user as admins see it (never the password hash). */
record UserResponse(UUID id, String username, List<String> roles, boolean enabled, Instant createdAt) {

    static UserResponse of(UserAccount account) {
        return new UserResponse(
                account.id(),
                account.username(),
                account.roles().stream().map(Role::name).sorted().toList(),
                account.enabled(),
                account.createdAt());
    }
}
