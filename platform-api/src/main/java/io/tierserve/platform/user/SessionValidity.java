package io.tierserve.platform.user;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether a logged-in account still is what it was at login: checked on every request that rides
 * on a session, against the database, so deleting a user or changing their role or password ends
 * their sessions on every instance from their next request on.
 */
@Service
public class SessionValidity {

    private final UserAccountRepository accounts;

    SessionValidity(UserAccountRepository accounts) {
        this.accounts = accounts;
    }

    /** False when {@code principal} is an account that was deleted or changed since it logged in. */
    @Transactional(readOnly = true)
    public boolean stillValid(Object principal) {
        if (!(principal instanceof AccountDetails account)) {
            return true;
        }
        return accounts.findById(account.accountId())
                .filter(UserAccount::enabled)
                .map(CredentialFingerprint::of)
                .filter(account.credentials()::equals)
                .isPresent();
    }
}
