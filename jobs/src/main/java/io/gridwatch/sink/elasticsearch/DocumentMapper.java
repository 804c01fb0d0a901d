package io.gridwatch.sink.elasticsearch;

import java.io.Serializable;

/** Maps a stream element to the document that represents it in Elasticsearch. */
@FunctionalInterface
public interface DocumentMapper<T> extends Serializable {

    Document toDocument(T element);
}
