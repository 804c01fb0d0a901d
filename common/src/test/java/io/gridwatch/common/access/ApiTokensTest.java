package io.gridwatch.common.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class ApiTokensTest {

    @TempDir
    Path dir;

    @Test
    void authenticatesIssuedTokensFromAFileThatKeepsOnlyTheirHashes() throws Exception {
        Path file = dir.resolve("tokens.yaml");
        ApiToken.Issued street = ApiToken.issue("东湖街道指挥中心", Scope.parse("street:东湖街道"), EnumSet.allOf(Action.class));
        ApiToken.Issued screen = ApiToken.issue("大屏", Scope.ALL, Set.of(Action.ACK));
        ApiTokens.none().with(street.token(), file).with(screen.token(), file);

        ApiTokens loaded = ApiTokens.load(file);

        assertThat(loaded.authenticate(street.secret())).contains(street.token());
        assertThat(loaded.authenticate(screen.secret())).contains(screen.token());
        assertThat(loaded.authenticate(street.secret() + "x")).isEmpty();
        assertThat(loaded.authenticate(null)).isEmpty();
        assertThat(Files.readString(file)).doesNotContain(street.secret()).contains(street.token().sha256());
    }

    @Test
    void allowsOnlyItsActionsWithinItsScope() {
        ApiToken community = ApiToken.issue("幸福里社区", Scope.parse("community:东湖街道/幸福里社区"), Set.of(Action.ACK)).token();

        assertThat(community.allows(Action.ACK, "东湖街道", "幸福里社区", "G-XF-01-01")).isTrue();
        assertThat(community.allows(Action.FALSE_ALARM, "东湖街道", "幸福里社区", "G-XF-01-01")).isFalse();
        assertThat(community.allows(Action.ACK, "城南街道", "幸福里社区", "G-CN-01-01")).isFalse();
        assertThat(Scope.parse("grid:G-XF-01-01").covers("东湖街道", "幸福里社区", "G-XF-01-02")).isFalse();
    }

    @Test
    void stopsAtABadEntryNamingItAndItsField() throws Exception {
        Path file = Files.writeString(dir.resolve("tokens.yaml"), """
                tokens:
                  - name: 大屏
                    sha256: %s
                    scope: street
                    actions: [ack]
                """.formatted("a".repeat(64)));

        assertThatThrownBy(() -> ApiTokens.load(file)).hasMessageContaining("tokens[0]: a scope is all, street:<street>");
        Files.writeString(file, "tokens:\n  - {name: 大屏, sha256: abc, scope: all, actions: [ack]}\n");
        assertThatThrownBy(() -> ApiTokens.load(file)).hasMessageContaining("tokens[0]: sha256 must be 64 lower-case hex digits");
        Files.writeString(file, "tokens:\n  - {name: 大屏, sha256: %s, scope: all, actions: [close]}\n".formatted("a".repeat(64)));
        assertThatThrownBy(() -> ApiTokens.load(file)).hasMessageContaining("tokens[0]: unknown action 'close'");
    }
}
