package io.gridwatch.lifecycle;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.gridwatch.common.access.ActionLink;
import io.gridwatch.common.access.ApiTokens;
import io.gridwatch.common.access.LinkKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * {@code gridwatch serve}: where staff act on warnings. Two faces of {@link AlertLifecycle}: the JSON API of the
 * command centre's screens and integrations under {@code /alerts/} ({@link ApiHandler}, API tokens), and the action
 * pages of the signed links in grid leads' notices under {@code /a/} ({@link ActionPageHandler}, served only when the
 * link key is set).
 *
 * <p>Limits, because it faces browsers and networks: a pool of {@link Settings#threads} threads (one slow request
 * does not stop the others), bodies of at most {@link Settings#maxBodyBytes}, and a request that is not read within
 * {@value #READ_TIMEOUT_SECONDS} s is dropped (the JDK server's {@code sun.net.httpserver.maxReqTime}, which is
 * process-wide: set here unless the operator set it). With {@link Settings#tls} it speaks HTTPS only.
 */
public final class LifecycleServer implements AutoCloseable {

    /** How long a client may take to send its request. */
    public static final int READ_TIMEOUT_SECONDS = 10;

    static {
        // Read once, when the JDK's server configuration class loads: before the first server is made.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(READ_TIMEOUT_SECONDS));
        }
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
            System.setProperty("sun.net.httpserver.maxRspTime", "60");
        }
    }

    /**
     * How the server runs.
     *
     * @param linkKey the key of action links; without it only the JSON API is served
     * @param tls when set, HTTPS with this context; else plain HTTP (loopback, or behind a TLS gateway)
     */
    public record Settings(ApiTokens tokens, Optional<LinkKey> linkKey, int threads, int maxBodyBytes, SSLContext tls) {

        /** The usual limits: 8 threads, 16 KB bodies (a note is at most 1,000 characters). */
        public static Settings of(ApiTokens tokens, Optional<LinkKey> linkKey, SSLContext tls) {
            return new Settings(tokens, linkKey, 8, 16 * 1024, tls);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;

    public LifecycleServer(InetSocketAddress address, AlertLifecycle lifecycle, Settings settings, Clock clock)
            throws IOException {
        if (settings.tls() == null) {
            server = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(settings.tls()));
            server = https;
        }
        AtomicInteger count = new AtomicInteger();
        threads = Executors.newFixedThreadPool(settings.threads(), task -> {
            Thread thread = new Thread(task, "gridwatch-serve-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/alerts/", new ApiHandler(lifecycle, settings.tokens(), settings.maxBodyBytes()));
        settings.linkKey().ifPresent(key -> server.createContext(ActionLink.PATH,
                new ActionPageHandler(lifecycle, key, clock, settings.maxBodyBytes(), settings.tls() != null)));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Whether serving on {@code address} without TLS sends tokens and links across a network in clear. */
    public static boolean exposedInClear(InetSocketAddress address, SSLContext tls) {
        return tls == null && !address.getAddress().isLoopbackAddress();
    }

    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
    }
}
