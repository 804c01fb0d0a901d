package io.gridwatch.common.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and validates {@code rules.yaml}. Any unknown key, missing key, or out-of-range value stops start-up with
 * an {@link InvalidRulesException} naming the file, line and key.
 */
public final class RulesLoader {

    /** The shipped default rules, on the classpath. */
    public static final String DEFAULT_RESOURCE = "/gridwatch/rules.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private RulesLoader() {}

    public static Rules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new InvalidRulesException("cannot read rules file " + file + ": " + e.getMessage());
        }
    }

    public static Rules defaults() {
        try (InputStream in = RulesLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return load(in, "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new InvalidRulesException("cannot read default rules: " + e.getMessage());
        }
    }

    public static Rules load(InputStream in, String sourceName) {
        byte[] yaml;
        try {
            yaml = in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidRulesException(sourceName + ": " + e.getMessage());
        }
        try {
            try (JsonParser parser = YAML.createParser(yaml)) {
                if (parser.nextToken() == null) {
                    throw new InvalidRulesException(sourceName + ": the rules file is empty");
                }
            }
            return YAML.readValue(yaml, Rules.class);
        } catch (JsonMappingException e) {
            throw new InvalidRulesException(describe(sourceName, new String(yaml, StandardCharsets.UTF_8), e));
        } catch (IOException e) {
            throw new InvalidRulesException(sourceName + ": not valid YAML: " + e.getMessage());
        }
    }

    private static String describe(String sourceName, String yaml, JsonMappingException e) {
        JsonLocation location = e.getLocation();
        int lineNr = location == null ? -1 : location.getLineNr();
        String key = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("(root)");
        String problem;
        if (e.getCause() instanceof IllegalArgumentException cause) {
            problem = cause.getMessage();
            lineNr = lineOfKey(yaml, problem.split("[ :]", 2)[0], lineNr);
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            problem = "unknown key '" + unknown.getPropertyName() + "'; known keys: " + unknown.getKnownPropertyIds();
            lineNr = lineOfKey(yaml, unknown.getPropertyName(), lineNr);
        } else if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Missing required")) {
            problem = "a required key is missing (" + e.getOriginalMessage().replaceAll(" \\(index \\d+\\)", "") + ")";
        } else {
            problem = e.getOriginalMessage().lines().findFirst().orElse("");
        }
        return sourceName + (lineNr > 0 ? " line " + lineNr : "") + ", key '" + key + "': " + problem;
    }

    /**
     * Jackson reports errors of creator-built objects at the end of the object, after it has buffered its keys;
     * the line of the key itself is what a person editing the file needs.
     */
    private static int lineOfKey(String yaml, String key, int fallback) {
        Pattern keyLine = Pattern.compile("^\\s*(- )?" + Pattern.quote(key) + "\\s*:");
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (keyLine.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        return fallback;
    }
}
