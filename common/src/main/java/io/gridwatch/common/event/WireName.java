package io.gridwatch.common.event;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum constant with a lower-snake-case name on the wire, in JSON events, rules and alerts. */
public interface WireName {

    String wireName();

    /** The constant whose wire name is {@code name}, or empty. */
    static <E extends Enum<E> & WireName> Optional<E> find(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /** All wire names of {@code type}, for error messages: "a | b | c". */
    static <E extends Enum<E> & WireName> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireName::wireName).collect(Collectors.joining(" | "));
    }
}
