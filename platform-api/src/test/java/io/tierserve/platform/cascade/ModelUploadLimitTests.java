package io.tierserve.platform.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

/** The upload size limit holds whether or not the body states its length. */
class ModelUploadLimitTests {

    private final ModelUploadController controller = new ModelUploadController(null, new ModelUploadProperties(10));

    @Test
    void aBodyWhoseLengthIsOverTheLimitIsRefusedBeforeItIsRead() {
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/");
        request.setContent(new byte[11]);

        assertThatThrownBy(() -> controller.upload("t", "c", "s", request))
                .isInstanceOfSatisfying(
                        ModelUploadException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
    }

    @Test
    void aBodyWithoutALengthIsCutOffJustPastTheLimit() {
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(new byte[1000]);

        assertThatThrownBy(() -> controller.upload("t", "c", "s", request))
                .isInstanceOfSatisfying(
                        ModelUploadException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
    }
}
