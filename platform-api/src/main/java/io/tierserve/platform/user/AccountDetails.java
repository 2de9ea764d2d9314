package io.tierserve.platform.user;

import io.tierserve.platform.config.TenantPrincipal;
import java.util.Collection;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A logged-in account; a tenant user is bound to its tenant, a platform admin to none. */
final class AccountDetails extends User implements TenantPrincipal {

    private static final long serialVersionUID = 1L;

    private final UUID tenantId;
    private final UUID accountId;
    private final String credentials;

    /** {@code login} is the name it signed in as, its principal's name: {@code <tenant>/<user>} for a tenant user. */
    AccountDetails(
            UserAccount account, String login, Collection<? extends GrantedAuthority> authorities, UUID tenantId) {
        super(login, account.passwordHash(), account.enabled(), true, true, true, authorities);
        this.tenantId = tenantId;
        this.accountId = account.id();
        this.credentials = CredentialFingerprint.of(account);
    }

    /** The account's row id. */
    UUID accountId() {
        return accountId;
    }

    /** What the account's credentials and rights were when it logged in ({@link CredentialFingerprint}). */
    String credentials() {
        return credentials;
    }

    @Override
    public UUID boundTenantId() {
        return tenantId;
    }
}
