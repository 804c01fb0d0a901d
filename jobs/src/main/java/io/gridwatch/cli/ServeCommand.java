package io.gridwatch.cli;

import io.gridwatch.lifecycle.LifecycleHttpServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves POST /alerts/{id}/ack and /alerts/{id}/resolve over HTTP until stopped.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8088", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Mixin
    LifecycleOptions services;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (LifecycleOptions.Session session = services.open();
                LifecycleHttpServer server = new LifecycleHttpServer(
                        new InetSocketAddress(bind, port), session.lifecycle(), Clock.systemUTC())) {
            spec.commandLine().getOut().println("Serving alert acknowledgement on http://" + bind + ":" + server.port()
                    + "/alerts/{alertId}/ack|resolve — Ctrl-C to stop");
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
