package io.tierserve.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A full platform on a random port against the test database (test-support picks it).
 *
 * <p>Every API test class uses exactly this, so they all share one Spring context and one schema.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tierserve.bootstrap.admin-password=" + ApiClient.ADMIN_PASSWORD,
            "tierserve.demo.api-key=" + ApiClient.DEMO_API_KEY,
            "tierserve.metrics.scrape-token=" + ApiClient.SCRAPE_TOKEN,
            "tierserve.audit.directory=target/audit-checkpoints",
            // every test logs in from 127.0.0.1: the per-address allowance is LoginThrottleTests' to check
            "tierserve.login.failures-per-address=100000",
            // small numbers so drift and feedback tests stay fast; checks run on demand only
            "tierserve.drift.min-samples=200",
            "tierserve.drift.check-interval=1h",
            "tierserve.feedback.live-profile-samples=60",
            "tierserve.inference.full-profile-fraction=1.0",
            // every request is sampled: none may be dropped for a full queue
            "tierserve.inference.full-profile-queue=100000"
        })
public @interface ApiTest {}
