package io.gridwatch.common.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What staff may do to a warning (预警处置): sign for it, close it as handled, or close it as a false alarm. */
public enum Action {
    ACK("签收"),
    RESOLVE("办结"),
    FALSE_ALARM("误报");

    private final String label;

    Action(String label) {
        this.label = label;
    }

    /** The button's word on the action page. */
    public String label() {
        return label;
    }

    /** As written in token files and forms: {@code ack}, {@code resolve}, {@code false_alarm}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action named {@code wireName}, or an error listing the names there are. */
    public static Action of(String wireName) {
        return Arrays.stream(values())
                .filter(action -> action.wireName().equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown action '" + wireName + "': use one of "
                        + Arrays.stream(values()).map(Action::wireName).collect(Collectors.joining(", "))));
    }
}
