package io.tierserve.platform.user;

import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads logins from the users table for Spring Security: {@code <tenant>/<user name>} is a user of
 * that tenant, a plain name a platform account ({@link LoginName}).
 */
@Service
class AccountUserDetailsService implements UserDetailsService {

    private final UserAccountRepository accounts;

    AccountUserDetailsService(UserAccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String login) {
        LoginName name = LoginName.parse(login);
        Optional<UserAccount> found = name.tenant() == null
                ? accounts.findPlatformAccount(name.username())
                : accounts.findTenantUser(name.tenant(), name.username());
        UserAccount account = found.orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        // A platform admin is never bound to a tenant, even should a row give it one.
        UUID tenant = account.roles().contains(Role.PLATFORM_ADMIN) ? null : account.tenantId();
        return new AccountDetails(
                account,
                name.toString(),
                account.roles().stream()
                        .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                        .toList(),
                tenant);
    }
}
