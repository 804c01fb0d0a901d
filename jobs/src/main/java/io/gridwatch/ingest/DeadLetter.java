package io.gridwatch.ingest;

import io.gridwatch.common.codec.Rejection;
import java.io.Serializable;

/** A record that did not become an event: the original record and why it was rejected. */
public record DeadLetter(RawRecord record, Rejection rejection) implements Serializable {}
