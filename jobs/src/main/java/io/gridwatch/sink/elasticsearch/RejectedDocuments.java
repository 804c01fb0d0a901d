package io.gridwatch.sink.elasticsearch;

import java.io.Serializable;

/** Where documents go that Elasticsearch rejected for their content: they cannot succeed on retry. */
public interface RejectedDocuments extends Serializable {

    void rejected(Document document, String reason);

    /** Makes what was handed over durable; called before every checkpoint. */
    void flush();

    void close();
}
