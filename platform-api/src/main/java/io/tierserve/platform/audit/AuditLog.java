package io.tierserve.platform.audit;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records admin changes. It joins the caller's transaction and refuses to run without one, so an
 * event is stored exactly when the change it describes is.
 */
@Service
public class AuditLog {

    /** The actor of changes the platform makes on its own (bootstrap, demo seeding). */
    public static final String SYSTEM = "system";

    private final AuditEventRepository events;
    private final JsonMapper json;
    private final AuditChain chain;

    AuditLog(AuditEventRepository events, JsonMapper json, AuditChain chain) {
        this.events = events;
        this.json = json;
        this.chain = chain;
    }

    /**
     * Records that the current user did {@code action} (for example {@code cascade.updated}) to a target.
     *
     * @param tenantId the tenant the target belongs to; null for platform-level targets
     * @param details a small JSON object of facts worth keeping about the change
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(
            UUID tenantId, String action, String targetType, UUID targetId, String targetName, Map<String, ?> details) {
        chain.append(
                tenantId, currentActor(), action, targetType, targetId, targetName, json.writeValueAsString(details));
    }

    /** Records an event whose actor is not the current user (a failed login's attempted name is the target, the actor is {@code anonymous}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAs(
            String actor,
            UUID tenantId,
            String action,
            String targetType,
            UUID targetId,
            String targetName,
            Map<String, ?> details) {
        chain.append(tenantId, actor, action, targetType, targetId, targetName, json.writeValueAsString(details));
    }

    /** The actions recorded for a tenant, oldest first. */
    @Transactional(readOnly = true)
    public List<String> actionsOf(UUID tenantId) {
        return events.findByTenantIdOrderByIdAsc(tenantId).stream()
                .map(event -> event.action() + " " + event.targetName() + " by " + event.actor())
                .toList();
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? SYSTEM : authentication.getName();
    }
}
