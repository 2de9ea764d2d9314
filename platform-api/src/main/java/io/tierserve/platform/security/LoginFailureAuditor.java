package io.tierserve.platform.security;

import io.tierserve.platform.audit.AuditLog;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records every failed login (Basic or form) as a platform-level audit event; the attempted user
 * name is the target, and no tenant is named, so nothing tells a guesser which tenant a name is in.
 */
@Component
class LoginFailureAuditor {

    private final AuditLog audit;
    private final TransactionTemplate transactions;

    LoginFailureAuditor(AuditLog audit, TransactionTemplate transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        String username = String.valueOf(event.getAuthentication().getPrincipal());
        String attempted = username.length() > 200 ? username.substring(0, 200) : username;
        transactions.executeWithoutResult(status -> audit.recordAs(
                "anonymous",
                null,
                "auth.login_failed",
                "user",
                null,
                attempted,
                Map.of("reason", event.getException().getClass().getSimpleName())));
    }
}
