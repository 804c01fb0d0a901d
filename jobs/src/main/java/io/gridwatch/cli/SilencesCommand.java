package io.gridwatch.cli;

import io.gridwatch.common.time.CityTime;
import io.gridwatch.common.alert.Silence;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "silences", mixinStandardHelpOptions = true,
        description = "Lists the silences in force or to come; --lift ends one now.")
final class SilencesCommand implements Callable<Integer> {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CityTime.ZONE);

    @Option(names = "--lift", paramLabel = "ID", description = "End this silence now.")
    String lift;

    @Option(names = "--by", paramLabel = "NAME", description = "Who lifts the silence (with --lift).")
    String by;

    @Mixin
    SilencesTopic silences;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Instant now = Instant.now();
        if (lift != null) {
            return lift(now);
        }
        TextTable table = new TextTable(List.of("ID", "SCOPE", "FROM", "UNTIL", "REASON", "BY"));
        List<Silence> active = silences.read().values().stream().filter(s -> !s.endedBy(now))
                .sorted(java.util.Comparator.comparing(Silence::from)).toList();
        for (Silence s : active) {
            table.add(List.of(s.id(), scope(s), local(s.from()), local(s.until()), s.reason(), s.by()));
        }
        spec.commandLine().getOut().print(table);
        return 0;
    }

    private int lift(Instant now) throws Exception {
        if (by == null) {
            throw new IllegalArgumentException("--lift needs --by NAME");
        }
        Silence s = silences.read().get(lift);
        if (s == null || s.endedBy(now)) {
            throw new IllegalArgumentException("no silence " + lift + " in force or to come");
        }
        // A silence not yet started ends before it begins: it is kept one millisecond so it stays valid.
        Instant until = s.from().isBefore(now) ? now : s.from().plusMillis(1);
        silences.publish(new Silence(s.id(), s.gridId(), s.detector(), s.street(), s.from(), until,
                s.reason() + "（" + by + "于" + local(now) + "解除）", s.by()));
        spec.commandLine().getOut().println(s.id() + " lifted by " + by);
        return 0;
    }

    static String scope(Silence s) {
        List<String> parts = new ArrayList<>();
        if (s.street() != null) {
            parts.add("street " + s.street());
        }
        if (s.gridId() != null) {
            parts.add("grid " + s.gridId());
        }
        if (s.detector() != null) {
            parts.add("detector " + s.detector());
        }
        return String.join(", ", parts);
    }

    static String local(Instant time) {
        return LOCAL.format(time);
    }
}
