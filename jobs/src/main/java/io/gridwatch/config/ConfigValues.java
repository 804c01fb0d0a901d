package io.gridwatch.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/** Reads options from a Flink {@link Configuration}; a value that fails a check stops start-up naming its key. */
final class ConfigValues {

    private final Configuration conf;

    ConfigValues(Configuration conf) {
        this.conf = conf;
    }

    <T> T read(ConfigOption<T> option) {
        try {
            return conf.get(option);
        } catch (RuntimeException e) {
            throw new InvalidConfigException(option.key() + ": " + rootMessage(e));
        }
    }

    <T> Optional<T> optional(ConfigOption<T> option) {
        return conf.getOptional(option);
    }

    String nonBlank(ConfigOption<String> option) {
        String value = read(option);
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(option.key() + ": must not be empty");
        }
        return value.trim();
    }

    /** The option's value when it is set: then not blank. */
    Optional<String> optionalNonBlank(ConfigOption<String> option) {
        return conf.getOptional(option).map(value -> nonBlank(option));
    }

    Path readable(ConfigOption<String> option) {
        Path path = Path.of(nonBlank(option));
        if (!Files.isReadable(path)) {
            throw new InvalidConfigException(option.key() + ": cannot read " + path);
        }
        return path;
    }

    int positiveInt(ConfigOption<Integer> option) {
        int value = read(option);
        if (value <= 0) {
            throw new InvalidConfigException(option.key() + ": must be positive, was " + value);
        }
        return value;
    }

    Duration positive(ConfigOption<Duration> option) {
        Duration value = notNegative(option);
        if (value.isZero()) {
            throw new InvalidConfigException(option.key() + ": must be positive, was 0");
        }
        return value;
    }

    Duration notNegative(ConfigOption<Duration> option) {
        Duration value = read(option);
        if (value.isNegative()) {
            throw new InvalidConfigException(option.key() + ": must not be negative, was " + value);
        }
        return value;
    }

    /** Every value under {@code prefix}, the prefix taken off. */
    Properties withPrefix(String prefix) {
        Properties properties = new Properties();
        conf.toMap().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                properties.setProperty(key.substring(prefix.length()), value);
            }
        });
        return properties;
    }

    static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }
}
