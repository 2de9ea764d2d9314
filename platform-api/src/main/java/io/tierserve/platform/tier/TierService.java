package io.tierserve.platform.tier;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.config.FieldProblem;
import io.tierserve.platform.config.PageResponse;
import io.tierserve.platform.tenant.TenantService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes and finds a tenant's tiers; every change is audited in its transaction. */
@Service
public class TierService {

    private final TierRepository tiers;
    private final TenantService tenants;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JdbcTemplate jdbc;

    TierService(
            TierRepository tiers,
            TenantService tenants,
            AuditLog audit,
            ApplicationEventPublisher events,
            JdbcTemplate jdbc) {
        this.tiers = tiers;
        this.tenants = tenants;
        this.audit = audit;
        this.events = events;
        this.jdbc = jdbc;
    }

    /** A page of the tenant's tiers, each with its current status ({@link TierServing}). */
    @Transactional(readOnly = true)
    PageResponse<TierResponse> list(String tenant, int page, int size) {
        UUID tenantId = tenants.idOf(tenant);
        Page<Tier> found = tiers.findByTenantId(tenantId, PageRequest.of(page, size, Sort.by("name")));
        Map<UUID, List<TierServing>> serving = TierServing.of(
                jdbc, tenantId, found.getContent().stream().map(Tier::id).toList());
        return PageResponse.of(found, tier -> TierResponse.of(tier, serving.getOrDefault(tier.id(), List.of())));
    }

    @Transactional(readOnly = true)
    TierResponse get(String tenant, String name) {
        Tier tier = require(tenant, name);
        return TierResponse.of(
                tier, TierServing.of(jdbc, tier.tenantId(), List.of(tier.id())).getOrDefault(tier.id(), List.of()));
    }

    /** Whether the tenant has a tier with this name. */
    @Transactional(readOnly = true)
    public boolean exists(String tenant, String name) {
        return tiers.existsByTenantIdAndName(tenants.idOf(tenant), name);
    }

    /** Every tier of the tenant, sorted by name. */
    @Transactional(readOnly = true)
    public List<TierDefinition> definitions(String tenant) {
        return tiers.findByTenantIdOrderByName(tenants.idOf(tenant)).stream()
                .map(TierDefinition::of)
                .toList();
    }

    /** Creates a tier in the tenant; a new default tier takes over from the old one. */
    @Transactional
    public UUID create(String tenant, TierRequest request) {
        UUID tenantId = tenants.idOf(tenant);
        check(request);
        if (tiers.existsByTenantIdAndName(tenantId, request.name())) {
            throw TierNameTakenException.forName(request.name());
        }
        if (Boolean.TRUE.equals(request.defaultTier())) {
            clearDefault(tenantId, null);
        }
        Tier tier = tiers.save(new Tier(tenantId, request));
        audit.record(tenantId, "tier.created", "tier", tier.id(), tier.name(), settings(request));
        events.publishEvent(new TierChanged(tenantId, tier.id(), tier.name(), "created"));
        return tier.id();
    }

    @Transactional
    TierResponse update(String tenant, String name, TierRequest request) {
        Tier tier = require(tenant, name);
        check(request);
        if (!name.equals(request.name()) && tiers.existsByTenantIdAndName(tier.tenantId(), request.name())) {
            throw TierNameTakenException.forName(request.name());
        }
        if (Boolean.TRUE.equals(request.defaultTier())) {
            clearDefault(tier.tenantId(), tier.id());
        }
        tier.apply(request);
        tiers.flush();
        audit.record(tier.tenantId(), "tier.updated", "tier", tier.id(), tier.name(), settings(request));
        events.publishEvent(new TierChanged(tier.tenantId(), tier.id(), tier.name(), "updated"));
        return TierResponse.of(tier);
    }

    @Transactional(readOnly = true)
    TierLimits limits(String tenant, String name) {
        return TierLimits.of(require(tenant, name));
    }

    /** Sets the tier's limits alone; audited as {@code tier.limits_changed} in the same transaction. */
    @Transactional
    TierLimits limit(String tenant, String name, TierLimits limits) {
        Tier tier = require(tenant, name);
        TierLimits before = TierLimits.of(tier);
        tier.limit(limits);
        tiers.flush();
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("rateLimitPerSecond", limits.rateLimitPerSecond());
        details.put("quotaPerDay", limits.quotaPerDay());
        details.put("previousRateLimitPerSecond", before.rateLimitPerSecond());
        details.put("previousQuotaPerDay", before.quotaPerDay());
        audit.record(tier.tenantId(), "tier.limits_changed", "tier", tier.id(), tier.name(), details);
        return TierLimits.of(tier);
    }

    /**
     * Deletes a tier; its policy versions go with it (foreign key). Nothing is recomputed: a job
     * resolves each tier on its own, so the remaining tiers' versions stay what they are.
     */
    @Transactional
    void delete(String tenant, String name) {
        Tier tier = require(tenant, name);
        tiers.delete(tier);
        audit.record(tier.tenantId(), "tier.deleted", "tier", tier.id(), tier.name(), Map.of());
    }

    private static void check(TierRequest request) {
        List<FieldProblem> problems = TierRules.check(request);
        if (!problems.isEmpty()) {
            throw InvalidTierException.because(problems);
        }
    }

    // The partial unique index allows one default per tenant at any moment, so the old default is
    // cleared and flushed before the new one is written.
    private void clearDefault(UUID tenantId, UUID keep) {
        tiers.findByTenantIdAndDefaultTierTrue(tenantId)
                .filter(current -> !current.id().equals(keep))
                .ifPresent(current -> {
                    current.clearDefault();
                    tiers.flush();
                });
    }

    private Tier require(String tenant, String name) {
        return tiers.findByTenantIdAndName(tenants.idOf(tenant), name)
                .orElseThrow(() -> TierNotFoundException.forName(tenant, name));
    }

    private static Map<String, Object> settings(TierRequest request) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("objective", request.objective());
        settings.put("accuracyTolerance", request.accuracyTolerance());
        settings.put("latencyBudgetMs", request.latencyBudgetMs());
        settings.put("deadlineMs", request.deadlineMs());
        settings.put("priority", request.priority());
        settings.put("rateLimitPerSecond", request.rateLimitPerSecond());
        settings.put("quotaPerDay", request.quotaPerDay());
        settings.put("defaultTier", request.defaultTier());
        return settings;
    }
}
