package io.tierserve.platform.ratelimit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The shared counters' two operations (migration V60): lease tokens, give unused ones back. */
final class RateLeases {

    private final JdbcTemplate jdbc;

    RateLeases(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    int lease(UUID tenantId, String scope, Instant row, Instant windowStart, long max, int wanted) {
        Integer granted = jdbc.queryForObject(
                "select rate_lease(?, ?, ?, ?, ?, ?)",
                Integer.class,
                tenantId,
                scope,
                Timestamp.from(row),
                Timestamp.from(windowStart),
                max,
                wanted);
        return granted == null ? 0 : granted;
    }

    void giveBack(UUID tenantId, String scope, Instant row, int unused) {
        jdbc.queryForObject(
                "select rate_return(?, ?, ?, ?)::text", String.class, tenantId, scope, Timestamp.from(row), unused);
    }
}
