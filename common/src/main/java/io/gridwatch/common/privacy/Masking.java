package io.gridwatch.common.privacy;

import io.gridwatch.common.event.Complainant;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.Finding;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.Subject;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks residents' personal data before anything leaves the job (PIPL): the unmasked record never reaches
 * Elasticsearch, an alert or a notice. Complainants' phone numbers keep at most their first three and their last four
 * digits, with at least four hidden (13812345678 → 138****5678, 88001234 → ****1234); names their first character
 * (张三丰 → 张*). Free text — a complaint's text, a subject's address, a patrol's notes, anything resident-written that
 * an alert repeats — has every mobile and landline number, 18-digit 居民身份证 number and bank card number in it
 * masked the same way ({@link #text}).
 */
public final class Masking {

    /** An 18-digit resident identity number: area, birth date, sequence, check digit (GB 11643). */
    private static final Pattern ID_NUMBER = Pattern.compile(
            "(?<![0-9A-Za-z])[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]"
                    + "(?![0-9A-Za-z])");
    /** 16 to 19 digits, in groups of four or not; a card only if its Luhn check digit holds. */
    private static final Pattern CARD = Pattern.compile("(?<!\\d)\\d{4}(?:[ -]?\\d{4}){3}(?:[ -]?\\d{1,3})?(?!\\d)");
    /** A mainland mobile number, with or without +86 and separators. */
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(?:\\+?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}(?!\\d)");
    /** A landline: a local number of 7 or 8 digits, with or without its area code. */
    private static final Pattern LANDLINE = Pattern.compile("(?<!\\d)(?:0\\d{2,3}[ -]?)?[2-9]\\d{6,7}(?!\\d)");

    private Masking() {}

    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.strip();
        if (digits.length() < 8) {
            return "*".repeat(digits.length());
        }
        int head = Math.min(3, digits.length() - 8);
        return digits.substring(0, head) + "*".repeat(digits.length() - head - 4)
                + digits.substring(digits.length() - 4);
    }

    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        String stripped = name.strip();
        return stripped.substring(0, stripped.offsetByCodePoints(0, 1)) + "*";
    }

    /**
     * {@code text} with every phone, identity and bank card number in it masked: an identity number keeps its first
     * three and last four characters, a card its first and last four digits, a phone as {@link #phone}.
     */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = replace(ID_NUMBER, text, id -> keep(id, 3, 4));
        masked = replace(CARD, masked, card -> luhn(card.replaceAll("[ -]", "")) ? keep(card, 4, 4) : card);
        masked = replace(MOBILE, masked, Masking::phoneIn);
        return replace(LANDLINE, masked, Masking::phoneIn);
    }

    /** The event with its personal data masked: the complainant, and the free text of complaints and patrols. */
    public static GridEvent event(GridEvent event) {
        if (event instanceof Complaint c) {
            Complainant complainant = c.complainant() == null ? null
                    : new Complainant(name(c.complainant().name()), phone(c.complainant().phone()));
            return new Complaint(c.eventId(), c.gridId(), c.occurredAt(), c.reportedAt(), c.channel(), c.category(),
                    c.severity(), new Subject(text(c.subject().address()), c.subject().partyKey()), text(c.text()),
                    c.location(), complainant);
        }
        Patrol p = (Patrol) event;
        return new Patrol(p.eventId(), p.gridId(), p.workerId(), p.occurredAt(), p.kind(), p.refEventId(),
                p.findings().stream().map(f -> new Finding(f.category(), f.severity(), text(f.note()))).toList(),
                p.location(), p.satisfaction());
    }

    /**
     * The event as the detectors hold it in state and checkpoints: free text and addresses masked as by
     * {@link #event}, and the complainant's name and phone replaced by their keyed hashes ({@link ResidentKeys}), which
     * still tell one resident from another — the hotspot detector counts residents — without naming anyone.
     */
    public static GridEvent pseudonymous(GridEvent event) {
        GridEvent masked = event(event);
        if (masked instanceof Complaint c && event instanceof Complaint raw && raw.complainant() != null) {
            Complainant resident = raw.complainant();
            return new Complaint(c.eventId(), c.gridId(), c.occurredAt(), c.reportedAt(), c.channel(), c.category(),
                    c.severity(), c.subject(), c.text(), c.location(), new Complainant(
                            resident.name() == null ? null : ResidentKeys.of("name", resident.name()),
                            resident.phone() == null ? null : ResidentKeys.of("phone", resident.phone())));
        }
        return masked;
    }

    /** A phone number found in text, separators and country code included: its digits masked, the rest kept. */
    private static String phoneIn(String found) {
        String digits = found.replaceAll("\\D", "");
        String national = digits.startsWith("86") && digits.length() == 13 ? digits.substring(2) : digits;
        return phone(national);
    }

    /** {@code value} with all but its first {@code head} and last {@code tail} digits or letters starred. */
    private static String keep(String value, int head, int tail) {
        String compact = value.replaceAll("[ -]", "");
        return compact.substring(0, head) + "*".repeat(compact.length() - head - tail)
                + compact.substring(compact.length() - tail);
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    private static String replace(Pattern pattern, String text, Function<String, String> mask) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(mask.apply(matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
