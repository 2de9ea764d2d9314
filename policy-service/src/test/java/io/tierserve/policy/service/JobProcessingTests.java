package io.tierserve.policy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue and processor against a real PostgreSQL: results, crashes, concurrency, retries, activation. */
class JobProcessingTests {

    private QueueDatabase db;

    @BeforeEach
    void database() {
        db = new QueueDatabase();
    }

    private JobProcessor processor(String owner) {
        return new JobProcessor(
                db.dataSource, ProcessorSettings.defaults(owner).withBackoffBase(Duration.ofMinutes(1)));
    }

    @Test
    void aStoredProfileYieldsOneActiveVersionPerTierAndAuditsEachActivation() {
        UUID job = db.storeProfileAndEnqueue();

        assertThat(processor("a").processOne()).isTrue();

        assertThat(db.string("select status from recomputation_jobs where id = ?", job))
                .isEqualTo("SUCCEEDED");
        assertThat(db.count("select count(*) from policy_versions where job_id = ? and status = 'ACTIVE'", job))
                .isEqualTo(2);
        assertThat(db.count("select count(*) from audit_events where action = 'policy.activated'"))
                .isEqualTo(2);
        assertThat(db.string(
                        "select metrics->'heldOut'->>'accuracyLow' from policy_versions where job_id = ? limit 1", job))
                .isNotNull();
        assertThat(db.count(
                        "select count(*) from policy_versions where job_id = ? and metrics->'frontier' is not null"
                                + " and tables->'first'->>'kind' in ('recall-index', 'no-recall')"
                                + " and jsonb_array_length(metrics->'families') > 0",
                        job))
                .isEqualTo(2);
        assertThat(processor("a").processOne()).isFalse();
    }

    @Test
    void recomputingTheSameProfileForUnchangedTiersWritesNoVersionAndSaysSo() {
        UUID first = db.storeProfileAndEnqueue();
        processor("a").processOne();
        String profile = db.string("select profile_id::text from recomputation_jobs where id = ?", first);

        // what a created or changed tier queues: the cascade's latest profile again
        UUID again = db.enqueue(UUID.fromString(profile), "TIER_CHANGED");
        assertThat(processor("a").processOne()).isTrue();

        assertThat(db.string("select status from recomputation_jobs where id = ?", again))
                .isEqualTo("SUCCEEDED");
        assertThat(db.count("select count(*) from policy_versions where job_id = ?", again))
                .isZero();
        assertThat(db.count("select count(*) from policy_versions")).isEqualTo(2);
        assertThat(db.count(
                        "select jsonb_array_length(result->'unchanged') from recomputation_jobs where id = ?", again))
                .isEqualTo(2);

        // a tier whose promise changes gets a new version; the other tier does not
        db.execute("update tiers set accuracy_tolerance = 0.03 where name = 'balanced'");
        UUID changed = db.enqueue(UUID.fromString(profile), "TIER_CHANGED");
        processor("a").processOne();
        assertThat(db.string(
                        "select string_agg(t.name, ',') from policy_versions v join tiers t on t.id = v.tier_id"
                                + " where v.job_id = ?",
                        changed))
                .isEqualTo("balanced");
    }

    @Test
    void aJobWhoseProcessorDiedIsCompletedOnceByAnotherAfterItsLeaseExpires() {
        UUID job = db.storeProfileAndEnqueue();
        JobProcessor dying = processor("dying");
        ClaimedJob claimed = dying.queue().claim("dying", Duration.ofMinutes(5)).orElseThrow();
        // the dying processor stops renewing; its lease runs out
        db.execute("update recomputation_jobs set lease_expires_at = now() - interval '1 second' where id = ?", job);

        assertThat(processor("survivor").processOne()).isTrue();
        // the first processor wakes up and tries to store what it computed
        assertThatThrownBy(() -> dying.compute(claimed)).isInstanceOf(LeaseLostException.class);

        assertThat(db.string("select status from recomputation_jobs where id = ?", job))
                .isEqualTo("SUCCEEDED");
        assertThat(db.count("select attempts from recomputation_jobs where id = ?", job))
                .isEqualTo(2);
        assertThat(db.count("select count(*) from policy_versions where job_id = ?", job))
                .isEqualTo(2);
    }

    @Test
    void twoProcessorsWorkABurstOfJobsWithNoDuplicateVersionsAndNoneLost() throws Exception {
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobs.add(db.storeProfileAndEnqueue());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> worked = new ArrayList<>();
        for (String owner : List.of("one", "two")) {
            JobProcessor p = processor(owner);
            worked.add(pool.submit(() -> {
                int n = 0;
                while (p.processOne()) {
                    n++;
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> f : worked) {
            total += f.get();
        }
        pool.shutdown();

        assertThat(total).isEqualTo(6);
        assertThat(db.count("select count(*) from recomputation_jobs where status = 'SUCCEEDED'"))
                .isEqualTo(6);
        assertThat(db.count("select count(*) from policy_versions")).isEqualTo(12);
        assertThat(db.count("select count(distinct (tier_id, version_number)) from policy_versions"))
                .isEqualTo(12);
        assertThat(db.count("select max(version_number) from policy_versions")).isEqualTo(6);
        assertThat(db.count("select count(*) from policy_versions where status = 'ACTIVE'"))
                .isEqualTo(2);
        assertThat(db.count("select count(distinct lease_owner) from recomputation_jobs"))
                .isZero();
    }

    @Test
    void aFailingJobIsRetriedAfterABackoffAndThenDeadLetteredWithItsError() {
        UUID job = db.storeProfileAndEnqueue();
        db.execute("update recomputation_jobs set max_attempts = 2 where id = ?", job);
        db.execute("delete from profile_stage_latencies");
        JobProcessor p = processor("a");

        assertThat(p.processOne()).isTrue();
        assertThat(db.string("select status from recomputation_jobs where id = ?", job))
                .isEqualTo("QUEUED");
        assertThat(db.count("select count(*) from recomputation_jobs where run_after > now() + interval '50 seconds'"))
                .isEqualTo(1);
        assertThat(p.processOne()).isFalse();

        db.execute("update recomputation_jobs set run_after = now() where id = ?", job);
        assertThat(p.processOne()).isTrue();
        assertThat(db.string("select status from recomputation_jobs where id = ?", job))
                .isEqualTo("FAILED");
        assertThat(db.string("select last_error from recomputation_jobs where id = ?", job))
                .contains("no device class");
        assertThat(db.count("select count(*) from policy_versions")).isZero();
    }

    @Test
    void withApprovalVersionsWaitAndAnEarlierVersionCanBeReactivated() {
        db.execute("update tenants set policy_activation = 'APPROVAL'");
        UUID first = db.storeProfileAndEnqueue();
        processor("a").processOne();
        assertThat(db.count("select count(*) from policy_versions where status = 'PENDING_APPROVAL'"))
                .isEqualTo(2);

        UUID v1 = UUID.fromString(
                db.string("select id from policy_versions where job_id = ? order by tier_id limit 1", first));
        activate(v1);
        UUID second = db.storeProfileAndEnqueue();
        processor("a").processOne();
        UUID v2 = UUID.fromString(db.string(
                "select v.id from policy_versions v join policy_versions o on o.tier_id = v.tier_id"
                        + " where v.job_id = ? and o.id = ?",
                second,
                v1));
        activate(v2);
        assertThat(db.string("select status from policy_versions where id = ?", v1))
                .isEqualTo("RETIRED");

        PolicyActivation.Activation rollback = activate(v1);

        assertThat(rollback.previousId()).isEqualTo(v2);
        assertThat(db.string("select status from policy_versions where id = ?", v1))
                .isEqualTo("ACTIVE");
        assertThat(db.string("select status from policy_versions where id = ?", v2))
                .isEqualTo("RETIRED");
        assertThat(db.count("select count(*) from policy_versions where status = 'ACTIVE'"))
                .isEqualTo(1);
    }

    private PolicyActivation.Activation activate(UUID version) {
        return Transactions.inTransaction(db.dataSource, c -> PolicyActivation.activate(c, db.tenant, version, null));
    }
}
