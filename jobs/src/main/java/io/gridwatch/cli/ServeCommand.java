package io.gridwatch.cli;

import io.gridwatch.common.access.ApiTokens;
import io.gridwatch.common.access.LinkKey;
import io.gridwatch.lifecycle.LifecycleServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the action pages of signed links (/a/{alertId}, needs " + LinkKey.VARIABLE + ") and the "
                + "token-authenticated JSON API (POST /alerts/{id}/ack|resolve) until stopped."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8088", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); elsewhere, use TLS or a TLS gateway.")
    String bind;

    @Option(names = "--tokens", paramLabel = "FILE",
            description = "API tokens (hashes) written by gridwatch token create; without it the JSON API refuses all.")
    Path tokens;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "PKCS#12 keystore: serve HTTPS with its key.")
    Path keystore;

    @Option(names = "--tls-password-env", paramLabel = "VAR", defaultValue = "GRIDWATCH_TLS_PASSWORD",
            description = "Environment variable holding the keystore's password (default: ${DEFAULT-VALUE}).")
    String keystorePasswordEnv;

    @Mixin
    LifecycleOptions services;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress address = new InetSocketAddress(bind, port);
        SSLContext tls = keystore == null ? null : tls();
        Optional<LinkKey> linkKey = LinkKey.from(System::getenv);
        LifecycleServer.Settings settings = LifecycleServer.Settings.of(
                tokens == null ? ApiTokens.none() : ApiTokens.load(tokens), linkKey, tls);
        if (LifecycleServer.exposedInClear(address, tls)) {
            spec.commandLine().getErr().println("gridwatch: warning: serving on " + bind + " without TLS: API tokens and "
                    + "action links cross the network in clear; use --tls-keystore or a TLS gateway in front");
        }
        if (linkKey.isEmpty()) {
            spec.commandLine().getErr().println("gridwatch: " + LinkKey.VARIABLE
                    + " is not set: action links are not served (set the job's key to serve them)");
        }
        try (LifecycleOptions.Session session = services.open();
                LifecycleServer server = new LifecycleServer(address, session.lifecycle(), settings, Clock.systemUTC())) {
            String scheme = tls == null ? "http" : "https";
            spec.commandLine().getOut().println("Serving on " + scheme + "://" + bind + ":" + server.port()
                    + " (" + settings.tokens().all().size() + " API tokens"
                    + (linkKey.isPresent() ? ", action links" : "") + ") — Ctrl-C to stop");
            spec.commandLine().getOut().flush();
            new CountDownLatch(1).await();
        }
        return 0;
    }

    private SSLContext tls() throws Exception {
        String password = System.getenv(keystorePasswordEnv);
        if (password == null) {
            throw new IllegalArgumentException("--tls-keystore needs its password in " + keystorePasswordEnv);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
