package io.gridwatch.config;

import io.gridwatch.notify.NotificationRoutes;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;

/**
 * Where a deployed job's settings come from, each overriding the one before: the Flink configuration's
 * {@code gridwatch.}-prefixed keys, environment variables named by {@link #environmentName}, and {@code --key value}
 * arguments. So a cluster can carry the settings every job shares, a container its endpoints, and a submission what
 * differs, without editing code or files in the image. An unknown key is an error, so a misspelt option never silently
 * falls back to its default.
 */
public final class ConfigSources {

    /** Keys in the Flink configuration ({@code config.yaml}, a {@code FlinkDeployment}'s) start with this. */
    public static final String FLINK_PREFIX = "gridwatch.";

    private ConfigSources() {}

    /** The three sources merged, keys checked. */
    public static Map<String, String> merge(Map<String, String> flinkConfiguration,
            NotificationRoutes.Environment environment, String... args) {
        Map<String, String> values = new HashMap<>();
        flinkConfiguration.forEach((key, value) -> {
            if (key.startsWith(FLINK_PREFIX)) {
                values.put(key.substring(FLINK_PREFIX.length()), value);
            }
        });
        for (ConfigOption<?> option : GridWatchOptions.ALL) {
            String value = environment.get(environmentName(option.key()));
            if (value != null) {
                values.put(option.key(), value);
            }
        }
        values.putAll(arguments(args));
        return known(values);
    }

    /** The environment variable of a key: {@code GRIDWATCH_} and the key in capitals, {@code .} and {@code -} as {@code _}. */
    public static String environmentName(String key) {
        return "GRIDWATCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** {@code --key value} pairs (or {@code --key=value}); a key without a value is an error. */
    static Map<String, String> arguments(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new InvalidConfigException("expected --key value, found '" + arg + "'");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new InvalidConfigException(key + ": no value given");
            }
            values.put(key, value);
        }
        return values;
    }

    /** {@code values}, once every key is known to {@link GridWatchOptions}. */
    static Map<String, String> known(Map<String, String> values) {
        Set<String> known = GridWatchOptions.ALL.stream().map(ConfigOption::key).collect(Collectors.toSet());
        for (String key : values.keySet()) {
            if (!known.contains(key) && !key.startsWith(GridWatchOptions.KAFKA_PROPERTIES_PREFIX)) {
                throw new InvalidConfigException("unknown configuration key '" + key + "'; known keys: "
                        + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        return values;
    }
}
