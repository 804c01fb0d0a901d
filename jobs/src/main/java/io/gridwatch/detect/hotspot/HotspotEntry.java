package io.gridwatch.detect.hotspot;

import java.io.Serializable;

/**
 * One complaint as the hotspot detector remembers it.
 *
 * @param complainant who complained: a keyed hash of their phone, else name, else of the channel and address
 *     ({@link io.gridwatch.common.privacy.ResidentKeys})
 */
public record HotspotEntry(String eventId, long at, String complainant) implements Serializable {}
