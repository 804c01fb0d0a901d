package io.gridwatch.detect.hotspot;

import java.io.Serializable;

/**
 * One complaint as the hotspot detector remembers it.
 *
 * @param complainant who complained (phone, else name), or the event id when anonymous: every anonymous complaint
 *     counts as a different resident
 */
public record HotspotEntry(String eventId, long at, String complainant) implements Serializable {}
