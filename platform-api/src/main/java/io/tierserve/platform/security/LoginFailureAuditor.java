package io.tierserve.platform.security;

import io.tierserve.platform.audit.AuditLog;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records every failed login (Basic or form) as a platform-level audit event; the attempted user
 * name is the target, and no tenant is named, so nothing tells a guesser which tenant a name is in;
 * each failure also spends the {@link LoginThrottle} allowance of the name and the client address.
 */
@Component
class LoginFailureAuditor {

    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final LoginThrottle throttle;

    LoginFailureAuditor(AuditLog audit, TransactionTemplate transactions, LoginThrottle throttle) {
        this.audit = audit;
        this.transactions = transactions;
        this.throttle = throttle;
    }

    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        String username = String.valueOf(event.getAuthentication().getPrincipal());
        // whatever a guesser typed is stored as readable text: no control characters, no broken pairs
        String attempted =
                (username.length() > 200 ? username.substring(0, 200) : username).replaceAll("\\p{Cntrl}|\\p{Cs}", "?");
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
        throttle.failed(username, address);
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
