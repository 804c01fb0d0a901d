package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.access.Action;
import io.gridwatch.common.access.ApiTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class TokenCommandTest {

    @TempDir
    Path dir;

    @Test
    void createsATokenShownOnceWhoseFileKeepsOnlyItsHash() throws Exception {
        Path file = dir.resolve("tokens.yaml");
        CommandRun cli = new CommandRun();

        assertThat(cli.run("token", "create", "--tokens", file.toString(), "--name", "东湖街道指挥中心",
                "--scope", "street:东湖街道", "--actions", "ack,resolve")).isZero();
        String secret = cli.out().strip();

        assertThat(secret).startsWith("gwt_");
        assertThat(Files.readString(file)).doesNotContain(secret);
        assertThat(ApiTokens.load(file).authenticate(secret)).hasValueSatisfying(token -> {
            assertThat(token.name()).isEqualTo("东湖街道指挥中心");
            assertThat(token.actions()).containsExactlyInAnyOrder(Action.ACK, Action.RESOLVE);
        });
        assertThat(cli.run("token", "list", "--tokens", file.toString())).isZero();
        assertThat(cli.out()).contains("东湖街道指挥中心").contains("street:东湖街道").contains("ack,resolve")
                .doesNotContain(secret);
    }

    @Test
    void refusesABadScopeOrADuplicateNameInOneLine() {
        Path file = dir.resolve("tokens.yaml");
        CommandRun cli = new CommandRun();

        assertThat(cli.run("token", "create", "--tokens", file.toString(), "--name", "大屏", "--scope", "district")).isEqualTo(1);
        assertThat(cli.run("token", "create", "--tokens", file.toString(), "--name", "大屏", "--scope", "all")).isZero();
        assertThat(cli.run("token", "create", "--tokens", file.toString(), "--name", "大屏", "--scope", "all")).isEqualTo(1);

        assertThat(cli.err().lines().filter(line -> line.startsWith("gridwatch:")).toList()).containsExactly(
                "gridwatch: a scope is all, street:<street>, community:<street>/<community> or grid:<gridId>, was 'district'",
                "gridwatch: two tokens are named '大屏'");
    }
}
