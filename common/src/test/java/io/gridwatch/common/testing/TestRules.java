package io.gridwatch.common.testing;

import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.rules.RulesLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rules for tests: the shipped {@code rules.yaml} with some of its text changed, as a duty officer would edit it. */
public final class TestRules {

    private TestRules() {}

    /**
     * The shipped rules with {@code section}'s {@code key} set to {@code value} (a flow-style mapping or list for a key
     * whose value spans lines).
     */
    public static Rules defaultsWith(String section, String key, String value) {
        return load(shippedYamlWith(section, key, value));
    }

    /** Rules from {@code yaml} text. */
    public static Rules load(String yaml) {
        return RulesLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test rules");
    }

    /** The text of the shipped {@code rules.yaml} with {@code section}'s {@code key} set to {@code value}. */
    public static String shippedYamlWith(String section, String key, String value) {
        return with(shippedYaml(), section, key, value);
    }

    /** {@code yaml} with {@code section}'s {@code key} set to {@code value}. */
    public static String with(String yaml, String section, String key, String value) {
        int start = yaml.indexOf("\n" + section + ":\n");
        if (start < 0) {
            throw new IllegalArgumentException("no section " + section);
        }
        Matcher nextSection = Pattern.compile("\n[a-z_]+:\n").matcher(yaml);
        int end = nextSection.find(start + 1) ? nextSection.start() : yaml.length();
        int line = yaml.indexOf("\n  " + key + ":", start);
        if (line < 0 || line > end) {
            throw new IllegalArgumentException("no key " + key + " in " + section);
        }
        int next = yaml.indexOf("\n", line + 1);
        while (yaml.startsWith("\n    ", next)) { // the value's own lines
            next = yaml.indexOf("\n", next + 1);
        }
        return yaml.substring(0, line) + "\n  " + key + ": " + value + yaml.substring(next);
    }

    /** The shipped {@code rules.yaml} as text. */
    public static String shippedYaml() {
        try (InputStream in = RulesLoader.class.getResourceAsStream(RulesLoader.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
