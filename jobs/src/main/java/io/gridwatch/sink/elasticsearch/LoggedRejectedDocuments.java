package io.gridwatch.sink.elasticsearch;

import io.gridwatch.common.privacy.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs documents Elasticsearch refuses, for runs without a dead-letter topic (replays of a file, which stays as the
 * record of what was refused).
 */
public final class LoggedRejectedDocuments implements RejectedDocuments {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LoggedRejectedDocuments.class);

    @Override
    public void rejected(Document document, String reason) {
        LOG.warn("Elasticsearch refused {}/{}: {}", document.index(), document.id(), Masking.text(reason));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
