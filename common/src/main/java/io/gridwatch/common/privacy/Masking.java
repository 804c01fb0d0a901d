package io.gridwatch.common.privacy;

import io.gridwatch.common.event.Complainant;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;

/**
 * Masks complainants' personal data before an event leaves the job: the unmasked record never reaches
 * Elasticsearch. Phone numbers keep their first three and last four digits (13812345678 → 138****5678), names their
 * first character (张三丰 → 张*).
 */
public final class Masking {

    private Masking() {}

    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.strip();
        if (digits.length() < 8) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }

    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        String stripped = name.strip();
        return stripped.substring(0, stripped.offsetByCodePoints(0, 1)) + "*";
    }

    /** The event with its complainant masked; patrols and anonymous complaints are returned as they are. */
    public static GridEvent event(GridEvent event) {
        if (event instanceof Complaint c && c.complainant() != null) {
            return new Complaint(c.eventId(), c.gridId(), c.occurredAt(), c.reportedAt(), c.channel(), c.category(),
                    c.severity(), c.subject(), c.text(), c.location(),
                    new Complainant(name(c.complainant().name()), phone(c.complainant().phone())));
        }
        return event;
    }
}
