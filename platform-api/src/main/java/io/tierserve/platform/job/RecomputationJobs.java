package io.tierserve.platform.job;

import io.tierserve.platform.tenant.TenantService;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a tenant's recomputation jobs (the queue's rows, which policy-service's processor writes). */
@Service
class RecomputationJobs {

    /** One job as listed; {@code result} is the JSON object the processor stored, null until it finished. */
    record JobSummary(
            UUID id,
            UUID profileId,
            String status,
            int attempts,
            String lastError,
            JsonNode result,
            OffsetDateTime createdAt,
            OffsetDateTime finishedAt) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantService tenants;
    private final JdbcTemplate jdbc;

    RecomputationJobs(TenantService tenants, JdbcTemplate jdbc) {
        this.tenants = tenants;
        this.jdbc = jdbc;
    }

    /** The tenant's latest 100 jobs, newest first. */
    @Transactional(readOnly = true)
    List<JobSummary> latest(String tenant) {
        return jdbc.query(
                "select id, profile_id, status, attempts, last_error, result::text, created_at, finished_at"
                        + " from recomputation_jobs where tenant_id = ? order by created_at desc limit 100",
                (rs, i) -> {
                    String result = rs.getString(6);
                    return new JobSummary(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getInt(4),
                            rs.getString(5),
                            result == null ? null : JSON.readTree(result),
                            rs.getObject(7, OffsetDateTime.class),
                            rs.getObject(8, OffsetDateTime.class));
                },
                tenants.idOf(tenant));
    }
}
