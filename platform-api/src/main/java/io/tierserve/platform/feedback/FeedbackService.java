package io.tierserve.platform.feedback;

import io.tierserve.platform.apikey.ApiKeyPrincipal;
import io.tierserve.platform.inference.CascadeLabels;
import io.tierserve.platform.usage.UsageRecorder;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores the true label of a served request with what each stage that ran predicted, and lets
 * {@link LiveProfiles} turn enough labelled, fully profiled requests into a live profile — all in
 * the caller's transaction, which is bound to the key's tenant (row-level security), so another
 * tenant's request is simply not found.
 */
@Service
@EnableConfigurationProperties(FeedbackProperties.class)
class FeedbackService {

    private record Served(
            UUID cascadeId,
            String cascade,
            List<String> stages,
            int[] predictions,
            double[] confidences,
            String answeredBy,
            boolean profiled) {}

    private final JdbcTemplate jdbc;
    private final CascadeLabels labels;
    private final LiveProfiles liveProfiles;
    private final FeedbackProperties properties;
    private final UsageRecorder usage;

    FeedbackService(
            JdbcTemplate jdbc,
            CascadeLabels labels,
            LiveProfiles liveProfiles,
            FeedbackProperties properties,
            UsageRecorder usage) {
        this.jdbc = jdbc;
        this.usage = usage;
        this.labels = labels;
        this.liveProfiles = liveProfiles;
        this.properties = properties;
    }

    @Transactional
    FeedbackResponse submit(ApiKeyPrincipal key, FeedbackRequest request) {
        // usage is written behind requests: this instance's own are written first
        usage.flush();
        Served served = served(key.tenantId(), request.requestId())
                .orElseThrow(() -> FeedbackProblem.unknownRequest(request.requestId()));
        if (served.predictions() == null) {
            throw FeedbackProblem.noStageOutputs(request.requestId());
        }
        List<String> names = labels.of(key.tenantName(), served.cascade());
        int label = labelIndex(request.label(), names);
        List<FeedbackResponse.StageResult> stages = new ArrayList<>();
        Boolean[] correct = new Boolean[served.stages().size()];
        boolean answerCorrect = false;
        for (int i = 0; i < correct.length; i++) {
            correct[i] = served.predictions()[i] == label;
            stages.add(new FeedbackResponse.StageResult(
                    served.stages().get(i), served.predictions()[i], served.confidences()[i], correct[i]));
            if (served.stages().get(i).equals(served.answeredBy())) {
                answerCorrect = correct[i];
            }
        }
        int inserted = jdbc.update(
                "insert into feedback (tenant_id, request_id, cascade_id, label, stages, predictions, confidences,"
                        + " correct, answer_correct, profiled, api_key_id)"
                        + " values (?, ?, ?, ?, ?::text[], ?::integer[], ?::double precision[], ?::boolean[], ?, ?, ?)"
                        + " on conflict (tenant_id, request_id) do nothing",
                key.tenantId(),
                request.requestId(),
                served.cascadeId(),
                label,
                array(served.stages().stream()),
                array(Arrays.stream(served.predictions()).boxed()),
                array(Arrays.stream(served.confidences()).boxed()),
                array(Arrays.stream(correct)),
                answerCorrect,
                served.profiled(),
                key.keyId());
        if (inserted == 0) {
            throw FeedbackProblem.alreadyGiven(request.requestId());
        }
        LiveProfiles.Outcome live = liveProfiles.afterFeedback(key.tenantId(), key.tenantName(), served.cascadeId());
        return new FeedbackResponse(
                request.requestId(),
                names.get(label),
                label,
                answerCorrect,
                stages,
                served.profiled(),
                live.pending(),
                properties.liveProfileSamples(),
                live.job());
    }

    private Optional<Served> served(UUID tenantId, UUID requestId) {
        return jdbc
                .query(
                        "select u.cascade_id, c.name, u.stages, u.stage_predictions, u.stage_confidences, u.answered_by,"
                                + " u.profile_predictions is not null from usage_records u"
                                + " join cascades c on c.tenant_id = u.tenant_id and c.id = u.cascade_id"
                                + " where u.tenant_id = ? and u.request_id = ? and u.outcome = 'OK'",
                        (rs, i) -> new Served(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                Arrays.asList((String[]) rs.getArray(3).getArray()),
                                ints(rs.getArray(4)),
                                doubles(rs.getArray(5)),
                                rs.getString(6),
                                rs.getBoolean(7)),
                        tenantId,
                        requestId)
                .stream()
                .findFirst();
    }

    /** A class name of the cascade, or its index (a JSON number or a string of digits). */
    private static int labelIndex(Object label, List<String> names) {
        int index = names.indexOf(String.valueOf(label));
        if (index >= 0 && label instanceof String) {
            return index;
        }
        if (label instanceof Integer number && number >= 0 && number < names.size()) {
            return number;
        }
        if (label instanceof String text && text.matches("\\d{1,9}") && Integer.parseInt(text) < names.size()) {
            return Integer.parseInt(text);
        }
        throw FeedbackProblem.invalidLabel(label, names);
    }

    static int[] ints(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Integer[] values = (Integer[]) array.getArray();
        return Arrays.stream(values).mapToInt(Integer::intValue).toArray();
    }

    static double[] doubles(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Double[] values = (Double[]) array.getArray();
        return Arrays.stream(values).mapToDouble(Double::doubleValue).toArray();
    }

    // a PostgreSQL array literal; stage names are [a-z0-9-] and the rest numbers or booleans, so nothing needs quoting
    private static String array(java.util.stream.Stream<?> values) {
        return values.map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
