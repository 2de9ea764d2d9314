package io.tierserve.platform.audit;

import io.tierserve.platform.config.PageResponse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a tenant's audit trail: filtered pages, a streamed export, and the chain check.
 *
 * <p>The tenant is looked up here, not through the tenant feature (which audits its own changes
 * and so depends on this one); under row-level security a tenant user finds only its own tenant.
 */
@Service
class AuditQueries {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final AuditChain chain;

    AuditQueries(JdbcTemplate jdbc, AuditChain chain) {
        this.jdbc = jdbc;
        this.chain = chain;
    }

    @Transactional(readOnly = true)
    PageResponse<AuditEventResponse> page(String tenant, AuditFilter filter, int page, int size) {
        return pageOf(tenantId(tenant), filter, page, size);
    }

    /** The platform's own trail (events of no tenant: failed logins, tenants created and deleted). */
    @Transactional(readOnly = true)
    PageResponse<AuditEventResponse> platformPage(AuditFilter filter, int page, int size) {
        return pageOf(null, filter, page, size);
    }

    @Transactional(readOnly = true)
    AuditVerification verifyPlatform() {
        return chain.verify(null);
    }

    private PageResponse<AuditEventResponse> pageOf(UUID tenantId, AuditFilter filter, int page, int size) {
        List<Object> arguments = new ArrayList<>();
        String where = where(tenantId, filter, arguments);
        Long total = jdbc.queryForObject("select count(*) from audit_events " + where, Long.class, arguments.toArray());
        arguments.add(size);
        arguments.add((long) page * size);
        List<AuditEventResponse> content = jdbc.query(
                "select * from audit_events " + where + " order by id desc limit ? offset ?",
                (rs, row) -> event(rs),
                arguments.toArray());
        return PageResponse.of(
                new PageImpl<>(content, PageRequest.of(page, size), total == null ? 0 : total), event -> event);
    }

    /** Streams every matching event, oldest first, to {@code sink} (the CSV export). */
    @Transactional(readOnly = true)
    void export(String tenant, AuditFilter filter, Consumer<AuditEventResponse> sink) {
        UUID tenantId = tenantId(tenant);
        List<Object> arguments = new ArrayList<>();
        String where = where(tenantId, filter, arguments);
        jdbc.query(
                "select * from audit_events " + where + " order by id",
                rs -> {
                    sink.accept(event(rs));
                },
                arguments.toArray());
    }

    @Transactional(readOnly = true)
    AuditVerification verify(String tenant) {
        return chain.verify(tenantId(tenant));
    }

    private UUID tenantId(String tenant) {
        List<UUID> ids = jdbc.queryForList("select id from tenants where name = ?", UUID.class, tenant);
        if (ids.isEmpty()) {
            throw AuditTenantNotFoundException.forName(tenant);
        }
        return ids.get(0);
    }

    private static String where(UUID tenantId, AuditFilter filter, List<Object> arguments) {
        StringBuilder where = new StringBuilder(tenantId == null ? "where tenant_id is null" : "where tenant_id = ?");
        if (tenantId != null) {
            arguments.add(tenantId);
        }
        if (filter.actor() != null) {
            where.append(" and actor = ?");
            arguments.add(filter.actor());
        }
        if (filter.action() != null) {
            where.append(" and action = ?");
            arguments.add(filter.action());
        }
        if (filter.target() != null) {
            where.append(" and target_name = ?");
            arguments.add(filter.target());
        }
        if (filter.from() != null) {
            where.append(" and occurred_at >= ?");
            arguments.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and occurred_at < ?");
            arguments.add(Timestamp.from(filter.to()));
        }
        return where.toString();
    }

    private static AuditEventResponse event(ResultSet rs) throws SQLException {
        byte[] hash = rs.getBytes("hash");
        String details = rs.getString("details");
        return new AuditEventResponse(
                rs.getLong("id"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getObject("target_id", UUID.class),
                rs.getString("target_name"),
                details == null ? null : JSON.readTree(details),
                hash == null ? null : HexFormat.of().formatHex(hash));
    }
}
