package io.gridwatch.sink.elasticsearch;

import io.gridwatch.common.access.Loopback;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.apache.http.ssl.SSLContexts;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.elasticsearch.client.RestHighLevelClient;

/**
 * How to reach Elasticsearch: its endpoints, and — for a secured cluster — a user (basic auth) or an API key, and a
 * truststore for TLS. Secrets are never part of this object (it travels with the job graph): it names the
 * environment variables that hold them, read where a client is made.
 *
 * @param username basic-auth user, or {@code null}
 * @param passwordEnv the variable holding the user's password
 * @param apiKeyEnv the variable holding an API key, {@code id:key} or its Base64 form, or {@code null}
 * @param truststore a PKCS12 or JKS file of the certificates to trust for https, or {@code null} for the JDK's
 * @param truststorePasswordEnv the variable holding the truststore's password, or {@code null} for none
 */
public record ElasticsearchAccess(
        List<URI> hosts, String username, String passwordEnv, String apiKeyEnv, String truststore, String truststorePasswordEnv)
        implements Serializable {

    public ElasticsearchAccess {
        hosts = new ArrayList<>(hosts);
    }

    /** Plain access to {@code hosts}, as on loopback or in a trusted network. */
    public static ElasticsearchAccess open(List<URI> hosts) {
        return new ElasticsearchAccess(hosts, null, null, null, null, null);
    }

    /** Checks that every variable and file named is there, so a misconfiguration stops start-up, not a task. */
    public void check(Function<String, String> environment) {
        if (username != null || apiKeyEnv != null) {
            for (URI host : hosts) {
                if (!"https".equals(host.getScheme()) && !Loopback.is(host)) {
                    throw new IllegalArgumentException("credentials would travel in clear to " + host
                            + ": use https:// hosts with a username or an API key");
                }
            }
        }
        if (username != null) {
            secret(environment, passwordEnv);
        }
        if (apiKeyEnv != null) {
            secret(environment, apiKeyEnv);
        }
        if (truststore != null && !Files.isReadable(Path.of(truststore))) {
            throw new IllegalArgumentException("truststore " + truststore + " cannot be read");
        }
    }

    public RestHighLevelClient client() {
        return client(System::getenv);
    }

    /** A client with the secrets read from {@code environment}. */
    public RestHighLevelClient client(Function<String, String> environment) {
        HttpHost[] httpHosts = hosts.stream()
                .map(uri -> new HttpHost(uri.getHost(), uri.getPort() < 0 ? 9200 : uri.getPort(), uri.getScheme()))
                .toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(httpHosts);
        if (apiKeyEnv != null) {
            String key = secret(environment, apiKeyEnv);
            String encoded = key.contains(":") ? Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) : key;
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + encoded)});
        }
        BasicCredentialsProvider credentials = null;
        if (username != null) {
            credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(username, secret(environment, passwordEnv)));
        }
        SSLContext ssl = truststore == null ? null : sslContext(environment);
        BasicCredentialsProvider provider = credentials;
        builder.setHttpClientConfigCallback(http -> {
            if (provider != null) {
                http.setDefaultCredentialsProvider(provider);
            }
            if (ssl != null) {
                http.setSSLContext(ssl);
            }
            return http;
        });
        return new RestHighLevelClient(builder);
    }

    private SSLContext sslContext(Function<String, String> environment) {
        char[] password = truststorePasswordEnv == null ? null : secret(environment, truststorePasswordEnv).toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(truststore))) {
            KeyStore store = KeyStore.getInstance(truststore.endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, password);
            return SSLContexts.custom().loadTrustMaterial(store, null).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read truststore " + truststore + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("truststore " + truststore + " is not usable: " + e.getMessage(), e);
        }
    }

    private static String secret(Function<String, String> environment, String variable) {
        String value = variable == null ? null : environment.apply(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + variable + " is not set");
        }
        return value;
    }
}
