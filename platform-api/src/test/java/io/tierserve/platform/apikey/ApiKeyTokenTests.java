package io.tierserve.platform.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeyTokenTests {

    @Test
    void aGeneratedKeyParsesBackToItsPrefixAndMatchesOnlyItsOwnHash() {
        ApiKeyToken token = ApiKeyToken.generate();
        ApiKeyToken other = ApiKeyToken.generate();

        ApiKeyToken parsed = ApiKeyToken.parse(token.text()).orElseThrow();

        assertThat(parsed.prefix()).isEqualTo(token.prefix()).hasSize(12);
        assertThat(parsed.matches(token.hash())).isTrue();
        assertThat(parsed.matches(other.hash())).isFalse();
        assertThat(token.hash()).hasSize(32);
    }

    @Test
    void textsNotShapedLikeAKeyAreRejectedBeforeAnyLookup() {
        assertThat(ApiKeyToken.parse(null)).isEmpty();
        assertThat(ApiKeyToken.parse("ts_short")).isEmpty();
        assertThat(ApiKeyToken.parse("xx_abcdefghijkl_0123456789abcdefgh")).isEmpty();
        assertThat(ApiKeyToken.parse("ts_abcdefghijk!_0123456789abcdefgh")).isEmpty();
        assertThat(ApiKeyToken.parse("ts_abcdefghijklm0123456789abcdefgh")).isEmpty();
        assertThat(ApiKeyToken.parse("ts_abcdefghijkl_0123456789abcdefgh")).isPresent();
    }

    @Test
    void theTextFormNeverShowsTheSecret() {
        ApiKeyToken token = ApiKeyToken.generate();

        assertThat(token.toString()).doesNotContain(token.text().substring(16));
    }
}
