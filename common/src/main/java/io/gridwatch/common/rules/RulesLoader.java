package io.gridwatch.common.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.WireName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;

import java.util.Map;
import java.util.List;

/**
 * Reads and validates {@code rules.yaml}. Any unknown section or key, missing key, out-of-range value or unknown
 * category stops start-up with an {@link InvalidRulesException} naming the file, line and key.
 *
 * <p>Each detector section may carry {@code per_category: {<category>: {...}}} and
 * {@code per_street: {<street>: {...}}} with any of the section's keys; every combination of base, category and street
 * is merged and validated here, so a bad override is found at start, not when its first event arrives.
 */
public final class RulesLoader {

    /** The shipped default rules, on the classpath. */
    public static final String DEFAULT_RESOURCE = "/gridwatch/rules.yaml";

    private static final String COOLDOWN = "cooldown";

    private static final String PER_CATEGORY = "per_category";
    private static final String PER_STREET = "per_street";
    private static final List<String> SECTIONS = List.of(
            Rules.REPEATED_DISPUTE, Rules.OVERDUE_RESPONSE, Rules.ESCALATING_DISPUTE, Rules.PATROL_GAP,
            Rules.NEW_CATEGORY, Rules.GRID_HOTSPOT, Rules.CLUSTER_HOTSPOT);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private final String sourceName;
    private final KeyLines lines;

    private RulesLoader(String sourceName, KeyLines lines) {
        this.sourceName = sourceName;
        this.lines = lines;
    }

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
        JsonNode root;
        KeyLines lines;
        try {
            byte[] yaml = in.readAllBytes();
            try (JsonParser parser = YAML.createParser(yaml)) {
                if (parser.nextToken() == null) {
                    throw new InvalidRulesException(sourceName + ": the rules file is empty");
                }
            }
            root = YAML.readTree(yaml);
            lines = KeyLines.of(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidRulesException(sourceName + (at == null ? "" : " line " + at.getLineNr())
                    + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRulesException(sourceName + ": " + e.getMessage());
        }
        return new RulesLoader(sourceName, lines).rules(root);
    }

    private Rules rules(JsonNode root) {
        if (!root.isObject()) {
            throw error("", "the rules file must be a mapping of detector sections");
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!SECTIONS.contains(name)) {
                throw error("/" + name, "unknown section '" + name + "'; known sections: " + SECTIONS);
            }
        });
        return new Rules(
                section(root, Rules.REPEATED_DISPUTE, RepeatedDisputeRule.class, true),
                section(root, Rules.OVERDUE_RESPONSE, OverdueResponseRule.class, true),
                section(root, Rules.ESCALATING_DISPUTE, EscalatingDisputeRule.class, false),
                section(root, Rules.PATROL_GAP, PatrolGapRule.class, false),
                section(root, Rules.NEW_CATEGORY, NewCategoryRule.class, true),
                section(root, Rules.GRID_HOTSPOT, GridHotspotRule.class, false),
                section(root, Rules.CLUSTER_HOTSPOT, ClusterHotspotRule.class, false));
    }

    /**
     * @param categoryOverrides whether the detector can apply category overrides; those whose patterns span categories
     *     (a dispute escalating into a conflict, a grid's patrols) cannot
     */
    private <R extends AlertRule> RuleSet<R> section(JsonNode root, String name, Class<R> type, boolean categoryOverrides) {
        JsonNode node = root.get(name);
        if (node == null || !node.isObject()) {
            throw error("/" + name, "section '" + name + "' is required and must be a mapping");
        }
        ObjectNode base = ((ObjectNode) node).deepCopy();
        if (!categoryOverrides && base.has(PER_CATEGORY)) {
            throw error("/" + name + "/" + PER_CATEGORY,
                    name + " takes no per_category overrides: its patterns span categories");
        }
        Map<String, JsonNode> perCategory = overrides(base.remove(PER_CATEGORY), "/" + name + "/" + PER_CATEGORY);
        Map<String, JsonNode> perStreet = overrides(base.remove(PER_STREET), "/" + name + "/" + PER_STREET);

        R baseRule = convert(base, type, "/" + name);
        Map<Category, R> byCategory = new LinkedHashMap<>();
        Map<String, R> byStreet = new LinkedHashMap<>();
        Map<String, R> byBoth = new LinkedHashMap<>();
        perCategory.forEach((categoryName, override) -> {
            String at = "/" + name + "/" + PER_CATEGORY + "/" + categoryName;
            Category category = WireName.find(Category.class, categoryName).orElseThrow(() -> error(at,
                    "unknown category '" + categoryName + "'; known: " + WireName.choices(Category.class)));
            if (override.has(COOLDOWN)) {
                // The suppressor finds an alert's cool-down by detector and street: an alert about one dispute,
                // complaint or grid may span categories, so a category's own cool-down would be silently ignored.
                throw error(at + "/" + COOLDOWN, "cooldown cannot be set per category (an alert may span categories); "
                        + "set it for the section or per street");
            }
            byCategory.put(category, convert(merge(base, override), type, at, "/" + name));
        });
        perStreet.forEach((street, override) -> {
            String at = "/" + name + "/" + PER_STREET + "/" + street;
            byStreet.put(street, convert(merge(base, override), type, at, "/" + name));
            perCategory.forEach((categoryName, categoryOverride) -> byBoth.put(
                    street + "|" + categoryName,
                    convert(merge(merge(base, categoryOverride), override), type, at,
                            "/" + name + "/" + PER_CATEGORY + "/" + categoryName, "/" + name)));
        });
        return new RuleSet<>(baseRule, byCategory, byStreet, byBoth);
    }

    private Map<String, JsonNode> overrides(JsonNode node, String at) {
        Map<String, JsonNode> overrides = new LinkedHashMap<>();
        if (node == null) {
            return overrides;
        }
        if (!node.isObject()) {
            throw error(at, "must be a mapping of names to overrides");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isObject()) {
                throw error(at + "/" + entry.getKey(), "an override must be a mapping of keys to values");
            }
            overrides.put(entry.getKey(), entry.getValue());
        }
        return overrides;
    }

    /** {@code base} with the keys of {@code override} replaced; mappings are merged key by key. */
    private static ObjectNode merge(ObjectNode base, JsonNode override) {
        ObjectNode merged = base.deepCopy();
        override.fields().forEachRemaining(entry -> {
            JsonNode existing = merged.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject && entry.getValue().isObject()) {
                merged.set(entry.getKey(), merge(existingObject, entry.getValue()));
            } else {
                merged.set(entry.getKey(), entry.getValue());
            }
        });
        return merged;
    }

    /** Converts one merged section; an error names the line of the offending key in the first place it is set. */
    private <R> R convert(ObjectNode node, Class<R> type, String... places) {
        try {
            return YAML.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String key = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse(null);
            String problem;
            if (e.getCause() instanceof IllegalArgumentException cause) {
                problem = cause.getMessage();
                key = key != null ? key : cause.getMessage().split("[^A-Za-z0-9_]", 2)[0];
            } else if (e instanceof UnrecognizedPropertyException unknown) {
                problem = "unknown key '" + unknown.getPropertyName() + "'; known keys: " + unknown.getKnownPropertyIds();
            } else if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Missing required")) {
                problem = "a required key is missing (" + e.getOriginalMessage().replaceAll(" \\(index \\d+\\)", "") + ")";
            } else {
                problem = e.getOriginalMessage().lines().findFirst().orElse("");
            }
            String[] candidates = new String[places.length * 2];
            for (int i = 0; i < places.length; i++) {
                candidates[i] = places[i] + "/" + (key == null ? "" : key.replace('.', '/'));
                candidates[places.length + i] = places[i];
            }
            throw error(lines.lineOf(candidates), places[0] + (key == null ? "" : "/" + key), problem);
        } catch (IOException e) {
            throw new InvalidRulesException(sourceName + ": " + e.getMessage());
        }
    }

    private InvalidRulesException error(String path, String problem) {
        return error(lines.lineOf(path), path, problem);
    }

    private InvalidRulesException error(int line, String path, String problem) {
        String key = path.isEmpty() ? "(root)" : path.substring(1).replace('/', '.');
        return new InvalidRulesException(
                sourceName + (line > 0 ? " line " + line : "") + ", key '" + key + "': " + problem);
    }

}
