package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@Tag("unit")
class GridWatchCliTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = GridWatchCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void reportsABadConfigurationKeyInOneLine() {
        int exit = run("run", "--kafka.bootstrap-server", "x:9092");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("gridwatch: unknown configuration key 'kafka.bootstrap-server'");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void reportsABadOptionValueInOneLine() {
        int exit = run("demo", "--duration", "soon");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("gridwatch: Invalid value for option '--duration': 'soon' is not a duration like 7d, 12h,"
                        + " 30m or 45s (see gridwatch demo --help)");
    }

    @Test
    void reportsAnUnknownBenchmarkStageInOneLine() {
        int exit = run("bench", "--only", "detectors,warp");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("gridwatch: unknown stage 'warp'; known: detectors, jmh, ceiling, e2e, scale, quality");
    }

    @Test
    void reportsABadSimulatedOverdispersionInOneLine() {
        int exit = run("simulate", "--overdispersion", "-0.5");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("gridwatch: --overdispersion must be 0-10, was -0.5");
    }

    @Test
    void reportsAnUnreachableElasticsearchInOneLine() {
        int exit = run("run", "--elasticsearch.hosts", "http://127.0.0.1:9");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("gridwatch: Connection refused");
    }

    @Test
    void reportsAnUnreachableElasticsearchInOneLineForEveryQuery() {
        for (String[] query : new String[][] {
            {"alerts"},
            {"trends", "--grid", "G-XF-01-01", "--from", "2026-03-01", "--to", "2026-03-31"},
            {"hotspots", "--street", "东湖街道", "--from", "2026-03-01", "--to", "2026-03-31"}
        }) {
            err.getBuffer().setLength(0);
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(query),
                    java.util.stream.Stream.of("--elasticsearch", "http://127.0.0.1:9")).toArray(String[]::new);

            assertThat(run(args)).as(query[0]).isEqualTo(1);
            assertThat(err.toString().lines()).as(query[0]).singleElement().asString()
                    .startsWith("gridwatch: Connection refused");
        }
    }
}
