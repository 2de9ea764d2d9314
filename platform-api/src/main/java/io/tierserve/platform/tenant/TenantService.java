package io.tierserve.platform.tenant;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.config.PageResponse;
import io.tierserve.platform.config.TenantPrincipal;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes and finds tenants; other features resolve a tenant's id by name here. */
@Service
public class TenantService {

    private final TenantRepository tenants;
    private final AuditLog audit;

    TenantService(TenantRepository tenants, AuditLog audit) {
        this.tenants = tenants;
        this.audit = audit;
    }

    /** The id of the tenant with this name. */
    @Transactional(readOnly = true)
    public UUID idOf(String name) {
        return tenants.findByName(name).map(Tenant::id).orElseThrow(() -> TenantNotFoundException.forName(name));
    }

    /** The id of the tenant with this name, if there is one. */
    @Transactional(readOnly = true)
    public Optional<UUID> findIdOf(String name) {
        return tenants.findByName(name).map(Tenant::id);
    }

    /** The name of the tenant with this id, if there is one. */
    @Transactional(readOnly = true)
    public Optional<String> findNameOf(UUID id) {
        return tenants.findById(id).map(Tenant::name);
    }

    @Transactional(readOnly = true)
    public boolean anyExist() {
        return tenants.count() > 0;
    }

    @Transactional(readOnly = true)
    PageResponse<TenantResponse> list(int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by("name"));
        // a tenant-bound caller sees its own tenant only (row-level security would hide the rest too)
        UUID bound = TenantPrincipal.currentBoundTenant();
        return PageResponse.of(
                bound == null ? tenants.findAll(request) : tenants.findById(bound, request), TenantResponse::of);
    }

    @Transactional(readOnly = true)
    TenantResponse get(String name) {
        return TenantResponse.of(require(name));
    }

    /** Creates a tenant and audits it in the same transaction. */
    @Transactional
    public UUID create(TenantRequest request) {
        if (tenants.existsByName(request.name())) {
            throw TenantNameTakenException.forName(request.name());
        }
        Tenant tenant = tenants.save(new Tenant(request.name(), request.displayName()));
        audit.record(
                tenant.id(),
                "tenant.created",
                "tenant",
                tenant.id(),
                tenant.name(),
                Map.of("displayName", tenant.displayName()));
        return tenant.id();
    }

    @Transactional
    TenantResponse update(String name, TenantRequest request) {
        Tenant tenant = require(name);
        if (!name.equals(request.name()) && tenants.existsByName(request.name())) {
            throw TenantNameTakenException.forName(request.name());
        }
        tenant.rename(request.name(), request.displayName());
        tenants.flush();
        audit.record(
                tenant.id(),
                "tenant.updated",
                "tenant",
                tenant.id(),
                tenant.name(),
                Map.of("previousName", name, "displayName", tenant.displayName()));
        return TenantResponse.of(tenant);
    }

    @Transactional
    void delete(String name) {
        Tenant tenant = require(name);
        tenants.delete(tenant);
        audit.record(tenant.id(), "tenant.deleted", "tenant", tenant.id(), tenant.name(), Map.of());
    }

    private Tenant require(String name) {
        return tenants.findByName(name).orElseThrow(() -> TenantNotFoundException.forName(name));
    }
}
