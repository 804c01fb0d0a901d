package io.gridwatch.sink.elasticsearch;

/**
 * One Elasticsearch document to index (create or overwrite).
 *
 * @param id deterministic, so a replay overwrites instead of duplicating
 * @param json the document source
 */
public record Document(String index, String id, byte[] json) {}
