package io.gridwatch.common.event;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a complaint is about. Two complaints with the same {@link #key()} in the same grid are "the same dispute"
 * (同一矛盾纠纷), however they were worded.
 *
 * @param address where the dispute is, as recorded (e.g. "幸福里小区3栋502")
 * @param partyKey an opaque, stable key of the parties involved, assigned by the intake system
 */
public record Subject(String address, String partyKey) implements Serializable {

    public Subject {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(partyKey, "partyKey");
    }

    /** The identity of the dispute: the parties, at the address. */
    public String key() {
        return partyKey + "@" + address;
    }
}
