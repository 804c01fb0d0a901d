package io.gridwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridwatch.config.InvalidConfigException;
import io.gridwatch.config.JobConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How the CLI reaches Elasticsearch and Kafka: with the job's own settings and the job's own validation
 * ({@link JobConfig}), so that a secured cluster — users, API keys, truststores, {@code kafka.properties.*} — is
 * configured once for both. From, each overriding the one before: the YAML file of {@code --config} (the job's keys,
 * flat or nested), {@code GRIDWATCH_*} environment variables, and the command's flags ({@code --elasticsearch},
 * {@code --kafka}).
 */
final class ServiceSettings {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ServiceSettings() {}

    /** The settings of {@code command}'s invocation, with {@code flags} (job keys and values) on top. */
    static JobConfig of(CommandSpec command, Map<String, String> flags) {
        GridWatchCli root = root(command);
        Map<String, String> fromFile = new HashMap<>();
        if (root.config != null) {
            file(root.config).forEach((key, value) -> fromFile.put("gridwatch." + key, value));
        }
        List<String> args = new ArrayList<>();
        flags.forEach((key, value) -> {
            args.add("--" + key);
            args.add(value);
        });
        return JobConfig.fromSources(fromFile, root.environment::apply, args.toArray(String[]::new));
    }

    /** Where secrets named by the settings are read. */
    static Function<String, String> environment(CommandSpec command) {
        return root(command).environment;
    }

    /** The {@code gridwatch} command above {@code command}, which may be a mixin within a mixin. */
    private static GridWatchCli root(CommandSpec command) {
        CommandLine line = command.commandLine();
        while (line.getParent() != null) {
            line = line.getParent();
        }
        return (GridWatchCli) line.getCommand();
    }

    private static Map<String, String> file(Path path) {
        JsonNode root;
        try {
            root = YAML.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("--config " + path + ": " + e.getMessage(), e));
        }
        Map<String, String> values = new HashMap<>();
        if (root != null && !root.isObject()) {
            throw new InvalidConfigException("--config " + path + ": expected keys and values, such as elasticsearch.hosts: https://es:9200");
        }
        flatten("", root, values);
        return values;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> values) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> flatten(prefix + field.getKey() + ".", field.getValue(), values));
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            values.put(prefix.substring(0, prefix.length() - 1), String.join(",", items));
        } else {
            values.put(prefix.substring(0, prefix.length() - 1), node.asText());
        }
    }
}
