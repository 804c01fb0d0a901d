package io.gridwatch.common.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RecordSealTest {

    private static final RecordSeal SEAL = RecordSeal.of("a-dead-letter-key-of-32-bytes-or-more");
    private static final byte[] RECORD = "{\"complainant\":{\"phone\":\"13800138000\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWhatItSealedAndShowsNothingOfIt() {
        byte[] sealed = SEAL.seal(RECORD);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("13800138000").doesNotContain("phone");
        assertThat(SEAL.seal(RECORD)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(SEAL.open(sealed)).isEqualTo(RECORD);
    }

    @Test
    void refusesAChangedRecordOrAnotherKey() {
        byte[] sealed = SEAL.seal(RECORD);
        sealed[sealed.length - 1] ^= 1;
        RecordSeal other = RecordSeal.of("another-dead-letter-key-of-32-bytes");

        assertThatThrownBy(() -> SEAL.open(sealed)).hasMessageContaining("another key (not " + SEAL.keyId() + ") or changed");
        assertThatThrownBy(() -> other.open(SEAL.seal(RECORD))).isInstanceOf(IllegalArgumentException.class);
        assertThat(other.keyId()).isNotEqualTo(SEAL.keyId()).hasSize(8);
    }

    @Test
    void refusesAMissingOrShortKeyNamingTheVariable() {
        assertThatThrownBy(() -> RecordSeal.of(null)).hasMessageStartingWith("GRIDWATCH_DEADLETTER_KEY is not set");
        assertThatThrownBy(() -> RecordSeal.of("short")).hasMessage("GRIDWATCH_DEADLETTER_KEY must be at least 32 bytes long");
    }
}
