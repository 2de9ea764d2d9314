package io.tierserve.platform.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierserve.platform.config.ApiException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class OipBinaryTests {

    // a stream that never says how long it is, as a chunked body
    private static InputStream bytes(int count) {
        return new ByteArrayInputStream(new byte[count]);
    }

    @Test
    void aBodyUpToTheLimitIsReadWhole() throws Exception {
        assertThat(OipBinary.readBody(bytes(200_000), 200_000)).hasSize(200_000);
    }

    @Test
    void aBodyPastTheLimitIsRefusedWith413() {
        assertThatThrownBy(() -> OipBinary.readBody(bytes(200_001), 200_000))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
    }

    @Test
    void theHeaderLengthMustBeAnIntegerWithinTheBody() {
        assertThat(OipBinary.headerLength(" 12 ", 12)).isEqualTo(12);
        for (String declared : new String[] {"13", "-1", "1.5", "", "0x10"}) {
            assertThatThrownBy(() -> OipBinary.headerLength(declared, 12))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
        }
    }
}
