package io.gridwatch.sink.elasticsearch;

/**
 * One Elasticsearch document to write.
 *
 * @param id deterministic, so a replay overwrites instead of duplicating
 * @param json the document source; when {@code insertOnly} is set, the fields to update in an existing document
 * @param insertOnly fields written only when the document is created (e.g. an alert's initial {@code status}), so
 *     that fields other writers set later (acknowledgement, resolution) survive updates; {@code null} to replace the
 *     whole document
 */
public record Document(String index, String id, byte[] json, byte[] insertOnly) {

    /** A document that replaces any earlier one with its id. */
    public Document(String index, String id, byte[] json) {
        this(index, id, json, null);
    }
}
