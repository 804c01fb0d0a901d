package io.gridwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.sink.elasticsearch.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents written as Elasticsearch writes them, without Elasticsearch: an index request replaces the document, an
 * update merges its fields into it or, if there is none, creates it from the upsert. For tests that read what the
 * job's mappers would leave in an index.
 */
public final class DocumentStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, ObjectNode>> indices = new LinkedHashMap<>();

    public DocumentStore write(Document document) {
        Map<String, ObjectNode> index = indices.computeIfAbsent(document.index(), name -> new LinkedHashMap<>());
        ObjectNode existing = index.get(document.id());
        if (document.insertOnly() == null || existing == null) {
            index.put(document.id(), read(document.insertOnly() == null ? document.json() : document.insertOnly()));
        } else {
            existing.setAll(read(document.json()));
        }
        return this;
    }

    public DocumentStore writeAll(List<Document> documents) {
        documents.forEach(this::write);
        return this;
    }

    /** The sources of {@code index}, in the order their documents were first written. */
    public List<JsonNode> sources(String index) {
        return new ArrayList<>(indices.getOrDefault(index, Map.of()).values());
    }

    private static ObjectNode read(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
