package io.tierserve.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleProperties(3, 5, Duration.ofHours(1)));

    @Test
    void anAccountWaitsAfterItsAllowanceOfFailuresFromAnyAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.waitSeconds("alice", "10.0.0." + i)).isZero();
            throttle.failed("alice", "10.0.0." + i);
        }

        assertThat(throttle.waitSeconds("alice", "10.0.0.99")).isPositive();
        assertThat(throttle.waitSeconds("ALICE", "10.0.0.99")).isPositive();
        assertThat(throttle.waitSeconds("bob", "10.0.0.99")).isZero();
    }

    @Test
    void anAddressWaitsAfterItsAllowanceOfFailuresWhateverTheNames() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("name-" + i, "192.0.2.7");
        }

        assertThat(throttle.waitSeconds("someone-new", "192.0.2.7")).isPositive();
        assertThat(throttle.waitSeconds("someone-new", "192.0.2.8")).isZero();
    }

    @Test
    void theWaitIsAboutTheTimeOneFailureTakesToRefill() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("carol", "198.51.100.1");
        }

        // 3 failures refill over an hour: one every 20 minutes
        assertThat(throttle.waitSeconds("carol", "198.51.100.1")).isBetween(1L, 20L * 60 + 1);
    }
}
