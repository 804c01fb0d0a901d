package io.gridwatch.common.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API tokens {@code gridwatch serve} accepts, from a YAML file of hashes that {@code gridwatch token create}
 * writes:
 *
 * <pre>
 * tokens:
 *   - name: 东湖街道指挥中心大屏
 *     sha256: 9f86d081884c7d65…
 *     scope: street:东湖街道
 *     actions: [ack, resolve, false_alarm]
 * </pre>
 *
 * A bad file stops start-up with an error naming the entry and field.
 */
public final class ApiTokens {

    private static final ObjectMapper YAML = new ObjectMapper(
            new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final List<ApiToken> tokens;

    public ApiTokens(List<ApiToken> tokens) {
        Set<String> names = new HashSet<>();
        for (ApiToken token : tokens) {
            if (!names.add(token.name())) {
                throw new IllegalArgumentException("two tokens are named '" + token.name() + "'");
            }
        }
        this.tokens = List.copyOf(tokens);
    }

    /** No tokens: only action links act. */
    public static ApiTokens none() {
        return new ApiTokens(List.of());
    }

    public List<ApiToken> all() {
        return tokens;
    }

    /** The token whose secret is {@code secret}, compared by hash in constant time. */
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(ApiToken.PREFIX)) {
            return Optional.empty();
        }
        byte[] hash = ApiToken.hash(secret).getBytes(StandardCharsets.US_ASCII);
        ApiToken found = null;
        for (ApiToken token : tokens) { // every entry compared: the time taken says nothing of which matched
            if (MessageDigest.isEqual(hash, token.sha256().getBytes(StandardCharsets.US_ASCII))) {
                found = token;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Reads {@code file}; a missing file is an error, an empty one has no tokens. */
    public static ApiTokens load(Path file) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        List<ApiToken> tokens = new ArrayList<>();
        JsonNode entries = root == null ? null : root.get("tokens");
        if (entries == null || entries.isNull()) {
            return new ApiTokens(tokens);
        }
        if (!entries.isArray()) {
            throw new IllegalArgumentException(file + ": tokens must be a list");
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String where = file + ": tokens[" + i + "]";
            try {
                Set<Action> actions = EnumSet.noneOf(Action.class);
                for (JsonNode action : entry.path("actions")) {
                    actions.add(Action.of(action.asText()));
                }
                tokens.add(new ApiToken(entry.path("name").asText(null), entry.path("sha256").asText(null),
                        Scope.parse(entry.path("scope").asText(null)), actions));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        try {
            return new ApiTokens(tokens);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** These tokens and {@code added}, written to {@code file} (hashes only). */
    public ApiTokens with(ApiToken added, Path file) throws IOException {
        List<ApiToken> all = new ArrayList<>(tokens);
        all.add(added);
        ApiTokens updated = new ApiTokens(all);
        ObjectNode root = YAML.createObjectNode();
        ArrayNode entries = root.putArray("tokens");
        for (ApiToken token : all) {
            ObjectNode entry = entries.addObject()
                    .put("name", token.name())
                    .put("sha256", token.sha256())
                    .put("scope", token.scope().toString());
            ArrayNode actions = entry.putArray("actions");
            EnumSet.copyOf(token.actions()).forEach(action -> actions.add(action.wireName()));
        }
        Files.writeString(file, "# GridWatch API tokens: hashes only; each secret was shown once by gridwatch token create\n"
                + YAML.writeValueAsString(root));
        return updated;
    }
}
