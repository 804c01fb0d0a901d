package io.gridwatch.cli;

import io.gridwatch.common.access.Action;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
        return actor.act(services, Action.ACK, spec, " acknowledged by ");
    }
}
