package io.gridwatch.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Closes an alert: the matter is settled, or it was a false alarm.")
final class ResolveCommand implements Callable<Integer> {

    @Mixin
    ActorOptions actor;

    @Option(names = "--false-alarm", description = "The alert was not a real problem (误报).")
    boolean falseAlarm;

    @Mixin
    LifecycleOptions services;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (LifecycleOptions.Session session = services.open()) {
            session.lifecycle().resolve(actor.alertId, actor.by, actor.note, falseAlarm, Instant.now());
        }
        spec.commandLine().getOut().println(actor.alertId + (falseAlarm ? " closed as a false alarm by " : " resolved by ") + actor.by);
        return 0;
    }
}
