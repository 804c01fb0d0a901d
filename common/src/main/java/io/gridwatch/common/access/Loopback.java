package io.gridwatch.common.access;

import java.net.URI;

/**
 * Whether a URL stays on this machine: the one place that decides when plain {@code http://} may carry a secret (a
 * robot's webhook, an action link, Elasticsearch credentials) — on loopback, and nowhere else.
 */
public final class Loopback {

    private Loopback() {}

    /** True for {@code localhost}, {@code 127.x.x.x} and {@code [::1]}. */
    public static boolean is(URI uri) {
        String host = uri.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }
}
