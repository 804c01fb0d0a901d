package io.gridwatch.detect.hotspot;

import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.privacy.ResidentKeys;

/**
 * Who complained, as {@code grid_hotspot} counts residents: by phone, else by name, each as a keyed hash (kept in state
 * and checkpoints, never a number or a name); an anonymous complaint is one resident per channel and address, so calls
 * about one doorway through one channel count once.
 */
final class Residents {

    private Residents() {}

    static String of(Complaint complaint) {
        if (complaint.complainant() != null) {
            if (complaint.complainant().phone() != null) {
                return ResidentKeys.of("phone", complaint.complainant().phone());
            }
            if (complaint.complainant().name() != null) {
                return ResidentKeys.of("name", complaint.complainant().name());
            }
        }
        return ResidentKeys.of("anonymous", complaint.channel().wireName() + ":" + complaint.subject().address().strip());
    }
}
