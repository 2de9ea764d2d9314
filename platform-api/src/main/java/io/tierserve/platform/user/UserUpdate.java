package io.tierserve.platform.user;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A change to a tenant user: a new password, a new role, or both.
 *
 * @param role {@code TENANT_ADMIN} or {@code TENANT_VIEWER}
 */
record UserUpdate(
        @Size(min = 12, max = 200) String password,

        @Pattern(regexp = "TENANT_ADMIN|TENANT_VIEWER") String role) {

    @AssertTrue(message = "give a new password, a new role or both")
    boolean isSomethingChanged() {
        return password != null || role != null;
    }
}
