package io.gridwatch.common.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ResidentKeysTest {

    private static final byte[] KEY = "a-city-secret-of-32-bytes-length".getBytes(StandardCharsets.UTF_8);

    @Test
    void keepsNeitherThePhoneNorAnUnkeyedHashOfIt() {
        String resident = ResidentKeys.of("phone", "13812345678");

        assertThat(resident).startsWith("phone:").doesNotContain("1381234").doesNotContain("5678");
        assertThat(resident).isEqualTo(ResidentKeys.of("phone", " 13812345678 "));
        assertThat(resident).isNotEqualTo(ResidentKeys.of("phone", "13812345679"));
    }

    @Test
    void dependsOnTheKey() {
        byte[] other = "another-city-secret-of-32-bytes!!".getBytes(StandardCharsets.UTF_8);

        assertThat(ResidentKeys.hash(KEY, "13812345678")).isEqualTo(ResidentKeys.hash(KEY, "13812345678"))
                .isNotEqualTo(ResidentKeys.hash(other, "13812345678")).hasSize(22);
    }

    @Test
    void refusesAShortConfiguredKeyAndDrawsOneWhenNoneIsSet() {
        assertThatThrownBy(() -> ResidentKeys.key("short")).hasMessage("GRIDWATCH_RESIDENT_KEY must be at least 16 bytes long");
        assertThat(ResidentKeys.key(null)).hasSize(32).isNotEqualTo(ResidentKeys.key(null));
        assertThat(ResidentKeys.key("a-city-secret-of-32-bytes-length")).isEqualTo(KEY);
    }
}
