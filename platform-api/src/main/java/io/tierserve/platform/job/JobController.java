package io.tierserve.platform.job;

import io.tierserve.platform.tenant.TenantService;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's recomputation jobs, newest first: status, attempts, error (dead letters) and result. */
@RestController
@RequestMapping("/api/tenants/{tenant}/jobs")
class JobController {

    /** One job as listed. */
    record JobSummary(
            UUID id,
            UUID profileId,
            String status,
            int attempts,
            String lastError,
            String result,
            OffsetDateTime createdAt,
            OffsetDateTime finishedAt) {}

    private final TenantService tenants;
    private final JdbcTemplate jdbc;

    JobController(TenantService tenants, JdbcTemplate jdbc) {
        this.tenants = tenants;
        this.jdbc = jdbc;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public List<JobSummary> list(@PathVariable String tenant) {
        return jdbc.query(
                "select id, profile_id, status, attempts, last_error, result::text, created_at, finished_at"
                        + " from recomputation_jobs where tenant_id = ? order by created_at desc limit 100",
                (rs, i) -> new JobSummary(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class),
                        rs.getObject(8, OffsetDateTime.class)),
                tenants.idOf(tenant));
    }
}
