package io.gridwatch.common.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every key of a YAML document, by path ({@code /repeated_dispute/per_street/长河镇/min_count}), so that a
 * rule rejected after the document was read as a tree is still reported at the line a person must edit.
 */
final class KeyLines {

    private final Map<String, Integer> lines;

    private KeyLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    static KeyLines of(byte[] yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            String pendingField = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case FIELD_NAME -> {
                        pendingField = parser.currentName();
                        lines.put(join(path) + "/" + pendingField, parser.currentTokenLocation().getLineNr());
                    }
                    case START_OBJECT, START_ARRAY -> {
                        path.addLast(pendingField == null ? "" : pendingField);
                        pendingField = null;
                    }
                    case END_OBJECT, END_ARRAY -> path.pollLast();
                    default -> pendingField = null;
                }
            }
        }
        return new KeyLines(lines);
    }

    private static String join(Deque<String> path) {
        StringBuilder joined = new StringBuilder();
        boolean first = true;
        for (String part : path) {
            if (first) {
                first = false; // the document's root object
                continue;
            }
            joined.append('/').append(part);
        }
        return joined.toString();
    }

    /** The line of the first of {@code paths} that exists, or -1. */
    int lineOf(String... paths) {
        for (String path : paths) {
            Integer line = lines.get(path);
            if (line != null) {
                return line;
            }
        }
        return -1;
    }
}
