package io.gridwatch.common.codec;

/** Why an input record was sent to the dead-letter topic instead of the detectors. */
public enum RejectReason {
    /** Larger than the configured record size limit. */
    TOO_LARGE("too_large"),
    /** Not a single well-formed JSON object. */
    MALFORMED_JSON("malformed_json"),
    /** {@code type} is absent or neither {@code complaint} nor {@code patrol}. */
    UNKNOWN_TYPE("unknown_type"),
    /** A required field is absent or null. */
    MISSING_FIELD("missing_field"),
    /** A field has the wrong JSON type or a value outside its domain. */
    INVALID_FIELD("invalid_field"),
    /** {@code gridId} is not in the grid registry. */
    UNKNOWN_GRID("unknown_grid"),
    /** {@code occurredAt} lies further in the future than clocks can plausibly disagree. */
    FUTURE_TIMESTAMP("future_timestamp"),
    /** {@code occurredAt} lies further in the past than any history the job is meant to take live. */
    ANCIENT_TIMESTAMP("ancient_timestamp"),
    /** An event whose id the job has already taken: a producer's retry or a replayed record. */
    DUPLICATE("duplicate"),
    /** A record of the rules topic that is not a valid rules file; the rules in force stay. */
    INVALID_RULES("invalid_rules"),
    /**
     * A valid rules file applied in part: it changes sections that the CEP detectors compiled when the job was built,
     * which the running job keeps until it is restarted with the new file (the detail names them).
     */
    RULES_NEED_RESTART("rules_need_restart"),
    /** A record of the silences or alert-lifecycle topic that is not a valid silence or lifecycle event. */
    INVALID_CONTROL_RECORD("invalid_control_record");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The stable, machine-readable code written to the dead-letter record. */
    public String code() {
        return code;
    }
}
