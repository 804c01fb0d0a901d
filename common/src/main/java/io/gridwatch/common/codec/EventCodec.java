package io.gridwatch.common.codec;

import static io.gridwatch.common.codec.RejectReason.INVALID_FIELD;
import static io.gridwatch.common.codec.RejectReason.MALFORMED_JSON;
import static io.gridwatch.common.codec.RejectReason.UNKNOWN_TYPE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Channel;
import io.gridwatch.common.event.Complainant;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.EventType;
import io.gridwatch.common.event.Finding;
import io.gridwatch.common.event.GeoPoint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Satisfaction;
import io.gridwatch.common.event.Subject;
import io.gridwatch.common.event.WireName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON wire format of events (one object per Kafka record, documented in {@code docs/events.md}).
 *
 * <p>{@link #decode} checks structure and field domains only; checks that need context (the grid registry, the
 * clock) are {@link EventValidator}'s. Unknown fields are ignored so producers can add fields before GridWatch
 * reads them; duplicate keys are rejected because they make a record ambiguous.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EventCodec() {}

    public static GridEvent decode(byte[] bytes) throws InvalidEventException {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(MALFORMED_JSON, JsonFields.abbreviate(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException(MALFORMED_JSON, "a record must be one JSON object");
        }
        JsonFields fields = new JsonFields(root, "");
        if (!fields.has("type")) {
            throw new InvalidEventException(UNKNOWN_TYPE, "'type' is required: complaint | patrol");
        }
        String type = root.get("type").asText();
        EventType eventType = WireName.find(EventType.class, type)
                .orElseThrow(() -> new InvalidEventException(
                        UNKNOWN_TYPE, "'type' must be complaint | patrol, was '" + JsonFields.abbreviate(type) + "'"));
        return switch (eventType) {
            case COMPLAINT -> complaint(fields);
            case PATROL -> patrol(fields);
        };
    }

    private static Complaint complaint(JsonFields f) throws InvalidEventException {
        JsonFields subject = f.object("subject");
        Complainant complainant = null;
        if (f.has("complainant")) {
            JsonFields c = f.object("complainant");
            complainant = new Complainant(c.optionalText("name"), c.optionalText("phone"));
        }
        return new Complaint(
                f.nonBlankText("eventId"),
                f.nonBlankText("gridId"),
                f.instant("occurredAt"),
                f.instant("reportedAt"),
                f.oneOf("channel", Channel.class),
                f.oneOf("category", Category.class),
                f.intIn("severity", Complaint.MIN_SEVERITY, Complaint.MAX_SEVERITY),
                new Subject(subject.nonBlankText("address"), subject.nonBlankText("partyKey")),
                f.text("text"),
                f.optionalLocation("location"),
                complainant);
    }

    private static Patrol patrol(JsonFields f) throws InvalidEventException {
        List<Finding> findings = new ArrayList<>();
        if (f.has("findings")) {
            JsonNode array = f.array("findings");
            for (int i = 0; i < array.size(); i++) {
                if (!array.get(i).isObject()) {
                    throw new InvalidEventException(INVALID_FIELD, "'findings[" + i + "]' must be an object");
                }
                JsonFields finding = new JsonFields(array.get(i), "findings[" + i + "].");
                findings.add(new Finding(
                        finding.oneOf("category", Category.class),
                        finding.intIn("severity", Complaint.MIN_SEVERITY, Complaint.MAX_SEVERITY),
                        finding.optionalText("note")));
            }
        }
        PatrolKind kind = f.oneOf("kind", PatrolKind.class);
        String refEventId = f.optionalText("refEventId");
        Satisfaction satisfaction = f.optionalOneOf("satisfaction", Satisfaction.class);
        if (satisfaction != null && !Patrol.answersAComplaint(kind, refEventId)) {
            throw new InvalidEventException(INVALID_FIELD,
                    "'satisfaction' is rated on a followup or resolution patrol with a refEventId, not on a "
                            + kind.wireName() + (refEventId == null ? " without one" : ""));
        }
        return new Patrol(
                f.nonBlankText("eventId"),
                f.nonBlankText("gridId"),
                f.nonBlankText("workerId"),
                f.instant("occurredAt"),
                kind,
                refEventId,
                findings,
                f.optionalLocation("location"),
                satisfaction);
    }

    public static byte[] encode(GridEvent event) {
        try {
            return MAPPER.writeValueAsBytes(toTree(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event tree always serializes", e);
        }
    }

    /** The wire format as a tree, for documents that add fields to it. */
    public static ObjectNode toTree(GridEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("eventId", event.eventId());
        node.put("type", event.type().wireName());
        node.put("gridId", event.gridId());
        node.put("occurredAt", event.occurredAt().toString());
        if (event instanceof Complaint c) {
            node.put("reportedAt", c.reportedAt().toString());
            node.put("channel", c.channel().wireName());
            node.put("category", c.category().wireName());
            node.put("severity", c.severity());
            node.putObject("subject").put("address", c.subject().address()).put("partyKey", c.subject().partyKey());
            node.put("text", c.text());
            putLocation(node, c.location());
            if (c.complainant() != null) {
                node.putObject("complainant").put("name", c.complainant().name()).put("phone", c.complainant().phone());
            }
        } else if (event instanceof Patrol p) {
            node.put("workerId", p.workerId());
            node.put("kind", p.kind().wireName());
            if (p.refEventId() != null) {
                node.put("refEventId", p.refEventId());
            }
            ArrayNode findings = node.putArray("findings");
            for (Finding finding : p.findings()) {
                findings.addObject()
                        .put("category", finding.category().wireName())
                        .put("severity", finding.severity())
                        .put("note", finding.note());
            }
            putLocation(node, p.location());
            if (p.satisfaction() != null) {
                node.put("satisfaction", p.satisfaction().wireName());
            }
        }
        return node;
    }

    private static void putLocation(ObjectNode node, GeoPoint location) {
        if (location != null) {
            node.putObject("location").put("lat", location.lat()).put("lon", location.lon());
        }
    }
}
