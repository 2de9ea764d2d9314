package io.tierserve.platform.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.ServedTenant;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.inference.InProcessWorker;
import io.tierserve.platform.inference.TestImages;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A tenant admin uploads a labelled dataset; the platform profiles its cascade on it and recomputes. */
@ApiTest
class ProfileMeasureApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CascadeService cascades;

    @Autowired
    InProcessWorker worker;

    private static String measurePath(ServedTenant tenant) {
        return "/api/tenants/" + tenant.name() + "/cascades/" + ServedTenant.CASCADE + "/profiles/measure";
    }

    /** Samples {@code 0..n-1} of the committed test images as PNGs; even ones labelled by name. */
    private String dataset(int n, List<String> labels) {
        StringJoiner samples = new StringJoiner(",");
        for (int i = 0; i < n; i++) {
            int label = TestImages.label(i);
            String labelJson = i % 2 == 0 ? "\"" + labels.get(label) + "\"" : Integer.toString(label);
            samples.add("{\"label\":%s,\"image\":\"%s\"}".formatted(labelJson, TestImages.png(i)));
        }
        return "{\"name\":\"measured-test\",\"warmup\":20,\"samples\":[" + samples + "]}";
    }

    @Test
    void aMeasuredProfileIsStoredWithEverySampleAndStageAndYieldsNewVersions() throws Exception {
        ServedTenant tenant = ServedTenant.create(port, jdbc, cascades, worker, "measure");
        List<String> labels = worker.manifest(InProcessWorker.DEMO_CASCADE).labels();

        ApiClient.Response measured = tenant.admin().post(measurePath(tenant), dataset(200, labels));

        assertThat(measured.status()).as(measured.text()).isEqualTo(202);
        assertThat(measured.json().path("samples").asInt()).isEqualTo(200);
        UUID profile = UUID.fromString(measured.json().path("profileId").asString());
        assertThat(jdbc.queryForObject("select source from profiles where id = ?", String.class, profile))
                .isEqualTo("MEASURED");
        assertThat(count("select count(*) from profile_samples where profile_id = ?", profile))
                .isEqualTo(200);
        assertThat(count("select count(*) from profile_outputs where profile_id = ?", profile))
                .isEqualTo(600);
        // the stored labels are the dataset's, by name or by index alike
        for (int i : new int[] {0, 1, 57, 198}) {
            assertThat(count(
                            "select label::int from profile_samples where profile_id = ? and sample_index = ?",
                            profile,
                            i))
                    .as("sample %d", i)
                    .isEqualTo(TestImages.label(i));
        }
        // the profiled exit3 answers these images as the served CNN does: most of them right
        long exit3Correct = count(
                "select count(*) from profile_outputs o join stages st on st.id = o.stage_id"
                        + " where o.profile_id = ? and st.name = 'exit3' and o.correct",
                profile);
        assertThat(exit3Correct).isGreaterThan(160);
        UUID job = UUID.fromString(measured.json().path("jobId").asString());
        assertThat(ServedTenant.awaitJob(jdbc, job)).isEqualTo("SUCCEEDED");
        assertThat(count("select count(*) from policy_versions where job_id = ?", job))
                .isEqualTo(2);
    }

    @Test
    void aBadSampleIsRefusedByIndexAndNothingIsStored() throws Exception {
        ServedTenant tenant = ServedTenant.create(port, jdbc, cascades, worker, "measure-bad");
        long profiles = count("select count(*) from profiles where tenant_id = ?", tenant.id());
        long jobs = count("select count(*) from recomputation_jobs where tenant_id = ?", tenant.id());
        String good = "{\"label\":3,\"image\":\"%s\"}".formatted(TestImages.png(0));

        ApiClient.Response undecodable = tenant.admin()
                .post(
                        measurePath(tenant),
                        "{\"samples\":[%s,{\"label\":1,\"image\":\"bm90IGFuIGltYWdl\"}]}".formatted(good));
        ApiClient.Response unknownLabel = tenant.admin()
                .post(
                        measurePath(tenant),
                        "{\"samples\":[{\"label\":\"Sock\",\"image\":\"%s\"}]}".formatted(TestImages.png(0)));
        ApiClient.Response bothInputs = tenant.admin()
                .post(
                        measurePath(tenant),
                        "{\"samples\":[{\"label\":1,\"image\":\"%s\",\"tensor\":{\"shape\":[1],\"data\":[0]}}]}"
                                .formatted(TestImages.png(0)));
        ApiClient.Response labelTooLarge = tenant.admin()
                .post(measurePath(tenant), "{\"samples\":[%s]}".formatted(good.replace("\"label\":3", "\"label\":10")));
        ApiClient.Response empty = tenant.admin().post(measurePath(tenant), "{\"samples\":[]}");

        assertThat(undecodable.status()).isEqualTo(400);
        assertThat(undecodable.contentType()).contains("application/problem+json");
        assertThat(undecodable.errorFields()).containsExactly("samples[1].image");
        assertThat(unknownLabel.status()).isEqualTo(400);
        assertThat(unknownLabel.json().path("detail").asString())
                .contains("'Sock'")
                .contains("Ankle boot");
        assertThat(bothInputs.status()).isEqualTo(400);
        assertThat(labelTooLarge.status()).isEqualTo(400);
        assertThat(labelTooLarge.json().path("detail").asString()).contains("samples[0].label 10");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(count("select count(*) from profiles where tenant_id = ?", tenant.id()))
                .isEqualTo(profiles);
        assertThat(count("select count(*) from recomputation_jobs where tenant_id = ?", tenant.id()))
                .isEqualTo(jobs);
    }

    @Test
    void anotherTenantsCascadeCannotBeMeasured() throws Exception {
        ServedTenant owner = ServedTenant.create(port, jdbc, cascades, worker, "measure-owner");
        ServedTenant other = ServedTenant.create(port, jdbc, cascades, worker, "measure-other");
        String body = "{\"samples\":[{\"label\":1,\"image\":\"%s\"}]}".formatted(TestImages.png(0));

        ApiClient.Response foreign = other.key().post(measurePath(owner), body);
        ApiClient.Response viaPredictKey = owner.key().post(measurePath(owner), body);

        assertThat(foreign.status()).isIn(403, 404);
        assertThat(viaPredictKey.status()).isEqualTo(403);
        assertThat(count("select count(*) from profiles where tenant_id = ? and source = 'MEASURED'", owner.id()))
                .isZero();
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
