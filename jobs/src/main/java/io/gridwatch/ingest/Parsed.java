package io.gridwatch.ingest;

import java.io.Serializable;

/**
 * What a source of control records (rules, silences, alert lifecycle events) emits for one record: the value, or a
 * dead letter when the record is not valid, so one bad record never stops the job — or both, when only a part of
 * the record could be applied (the dead letter says which part was not).
 */
public record Parsed<T>(T value, DeadLetter deadLetter) implements Serializable {

    public static <T> Parsed<T> of(T value) {
        return new Parsed<>(value, null);
    }

    public static <T> Parsed<T> inPart(T applied, DeadLetter notApplied) {
        return new Parsed<>(applied, notApplied);
    }

    public static <T> Parsed<T> rejected(DeadLetter deadLetter) {
        return new Parsed<>(null, deadLetter);
    }
}
