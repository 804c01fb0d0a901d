package io.gridwatch.sink.elasticsearch;

import java.util.List;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.xcontent.XContentType;

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

    /**
     * How often Elasticsearch retries an update another writer's update of the same document overtook: two sinks
     * update one document (an alert and staff's change of its status; a case and its repeated-dispute mark).
     */
    static final int RETRIES_ON_CONFLICT = 5;

    /** A document that replaces any earlier one with its id. */
    public Document(String index, String id, byte[] json) {
        this(index, id, json, null);
    }

    /** One bulk request writing {@code documents} in order. */
    public static BulkRequest bulkOf(List<Document> documents) {
        BulkRequest bulk = new BulkRequest();
        for (Document document : documents) {
            if (document.insertOnly() == null) {
                bulk.add(new IndexRequest(document.index()).id(document.id()).source(document.json(), XContentType.JSON));
            } else {
                bulk.add(new UpdateRequest(document.index(), document.id())
                        .doc(document.json(), XContentType.JSON)
                        .retryOnConflict(RETRIES_ON_CONFLICT)
                        .upsert(document.insertOnly(), XContentType.JSON));
            }
        }
        return bulk;
    }
}
