package io.gridwatch.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledges an open alert: someone is on it.")
final class AckCommand implements Callable<Integer> {

    @Mixin
    ActorOptions actor;

    @Mixin
    LifecycleOptions services;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (LifecycleOptions.Session session = services.open()) {
            session.lifecycle().acknowledge(actor.alertId, actor.by, actor.note, Instant.now());
        }
        spec.commandLine().getOut().println(actor.alertId + " acknowledged by " + actor.by);
        return 0;
    }
}
