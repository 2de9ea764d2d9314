package io.tierserve.platform.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Writes a batch of usage records in one statement: every column travels as one array parameter,
 * {@code unnest} turns them back into rows. References that are gone by the time the batch is
 * written (a tier or key deleted meanwhile) are written as null, and records of a deleted tenant
 * are dropped, so one stale record never fails the batch.
 */
final class UsageWriter {

    private static final String INSERT = """
            insert into usage_records (tenant_id, request_id, occurred_at, api_key_id, cascade_id, tier_id,
                                       policy_version_id, device_class, stages_run, stages, answered_by, recalled,
                                       deadline_hit, latency_ms, outcome, stage_predictions, stage_confidences,
                                       profile_predictions, profile_confidences)
            select u.tenant_id, u.request_id, u.occurred_at, k.id, c.id, t.id, v.id, u.device_class, u.stages_run,
                   u.stages::text[], u.answered_by, u.recalled, u.deadline_hit, u.latency_ms, u.outcome,
                   u.stage_predictions::integer[], u.stage_confidences::double precision[],
                   u.profile_predictions::integer[], u.profile_confidences::double precision[]
            from unnest(?::uuid[], ?::uuid[], ?::timestamptz[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[],
                        ?::integer[], ?::text[], ?::text[], ?::boolean[], ?::boolean[], ?::double precision[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 as u(tenant_id, request_id, occurred_at, api_key_id, cascade_id, tier_id, policy_version_id,
                      device_class, stages_run, stages, answered_by, recalled, deadline_hit, latency_ms, outcome,
                      stage_predictions, stage_confidences, profile_predictions, profile_confidences)
            join tenants tn on tn.id = u.tenant_id
            left join api_keys k on k.tenant_id = u.tenant_id and k.id = u.api_key_id
            left join cascades c on c.tenant_id = u.tenant_id and c.id = u.cascade_id
            left join tiers t on t.tenant_id = u.tenant_id and t.id = u.tier_id
            left join policy_versions v on v.tenant_id = u.tenant_id and v.id = u.policy_version_id
            on conflict (tenant_id, request_id) do nothing
            """;

    private final DataSource dataSource;

    UsageWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the records; on a connection of its own, outside any transaction of the calling thread. */
    void write(List<UsageEvent> events) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            connection.setAutoCommit(true);
            int p = 1;
            insert.setArray(p++, connection.createArrayOf("uuid", column(events, UsageEvent::tenantId)));
            insert.setArray(p++, connection.createArrayOf("uuid", column(events, UsageEvent::requestId)));
            insert.setArray(
                    p++,
                    connection.createArrayOf(
                            "timestamptz", column(events, event -> Timestamp.from(event.occurredAt()))));
            insert.setArray(p++, connection.createArrayOf("uuid", column(events, UsageEvent::apiKeyId)));
            insert.setArray(p++, connection.createArrayOf("uuid", column(events, UsageEvent::cascadeId)));
            insert.setArray(p++, connection.createArrayOf("uuid", column(events, UsageEvent::tierId)));
            insert.setArray(p++, connection.createArrayOf("uuid", column(events, UsageEvent::policyVersionId)));
            insert.setArray(p++, connection.createArrayOf("text", column(events, UsageEvent::deviceClass)));
            insert.setArray(
                    p++,
                    connection.createArrayOf(
                            "integer", column(events, event -> event.stages().size())));
            insert.setArray(
                    p++,
                    connection.createArrayOf(
                            "text",
                            column(
                                    events,
                                    event -> event.stages().stream()
                                            .map(UsageWriter::quoted)
                                            .collect(Collectors.joining(",", "{", "}")))));
            insert.setArray(p++, connection.createArrayOf("text", column(events, UsageEvent::answeredBy)));
            insert.setArray(p++, connection.createArrayOf("boolean", column(events, UsageEvent::recalled)));
            insert.setArray(p++, connection.createArrayOf("boolean", column(events, UsageEvent::deadlineHit)));
            insert.setArray(p++, connection.createArrayOf("float8", column(events, UsageEvent::latencyMs)));
            insert.setArray(p++, connection.createArrayOf("text", column(events, UsageEvent::outcome)));
            insert.setArray(
                    p++, connection.createArrayOf("text", column(events, event -> predictions(event.stageOutputs()))));
            insert.setArray(
                    p++, connection.createArrayOf("text", column(events, event -> confidences(event.stageOutputs()))));
            insert.setArray(
                    p++, connection.createArrayOf("text", column(events, event -> predictions(event.fullRun()))));
            insert.setArray(p, connection.createArrayOf("text", column(events, event -> confidences(event.fullRun()))));
            insert.execute();
        }
    }

    private static Object[] column(List<UsageEvent> events, Function<UsageEvent, Object> value) {
        Object[] column = new Object[events.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(events.get(i));
        }
        return column;
    }

    // PostgreSQL array literals; doubles in Java's shortest round-trip form, which PostgreSQL reads back exactly
    private static String predictions(UsageEvent.StageOutputs outputs) {
        return outputs == null
                ? null
                : Arrays.stream(outputs.predictions())
                        .mapToObj(Integer::toString)
                        .collect(Collectors.joining(",", "{", "}"));
    }

    private static String confidences(UsageEvent.StageOutputs outputs) {
        return outputs == null
                ? null
                : Arrays.stream(outputs.confidences())
                        .mapToObj(Double::toString)
                        .collect(Collectors.joining(",", "{", "}"));
    }

    // stage names are [a-z0-9-] (the schema's rule); quoting keeps the literal right whatever they hold
    private static String quoted(String element) {
        return '"' + element.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
