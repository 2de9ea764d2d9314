package io.tierserve.platform.policy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** A policy version's stored tables by id, as workers fetch them (a version's tables never change). */
@Service
public class PolicyTables {

    private final JdbcTemplate jdbc;

    PolicyTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The version's {@code tables} JSON, or empty when there is no such version. */
    public Optional<String> tables(UUID versionId) {
        List<String> rows =
                jdbc.queryForList("select tables::text from policy_versions where id = ?", String.class, versionId);
        return rows.stream().findFirst();
    }
}
