package io.tierserve.platform.user;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the platform admin when it does not exist yet; an existing admin is never changed, so
 * the configured password only matters on first start.
 */
@Component
@Order(0)
@EnableConfigurationProperties(BootstrapProperties.class)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final BootstrapProperties properties;

    AdminBootstrap(UserAccountRepository accounts, PasswordEncoder passwords, BootstrapProperties properties) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.properties = properties;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        String username = properties.adminUsername();
        if (username.indexOf(LoginName.SEPARATOR) >= 0) {
            // a login with a '/' names a tenant user: this account could never sign in
            throw new IllegalStateException("tierserve.bootstrap.admin-username may not contain '/': " + username);
        }
        if (accounts.findPlatformAccount(username).isPresent()) {
            return;
        }
        String password = properties.adminPassword();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            password = randomPassword();
        }
        accounts.save(UserAccount.platformAdmin(username, passwords.encode(password)));
        if (generated) {
            // Printed once: only its hash is stored, so this is the only chance to read it.
            log.warn(
                    "\n\n    Created platform admin '{}' with generated password: {}\n"
                            + "    It is shown only now. Set TIERSERVE_BOOTSTRAP_ADMIN_PASSWORD to choose one on a new database.\n",
                    username,
                    password);
        } else {
            log.info("Created platform admin '{}' with the configured password", username);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
