package io.gridwatch.cli;

import io.gridwatch.common.access.Action;
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
        return falseAlarm
                ? actor.act(services, Action.FALSE_ALARM, spec, " closed as a false alarm by ")
                : actor.act(services, Action.RESOLVE, spec, " resolved by ");
    }
}
