package io.gridwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.gridwatch.topology.OperatorIds;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.StateDescriptor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The names savepoints depend on: every operator uid and every state's name, wherever its descriptor lives. Renaming
 * one makes a savepoint of an earlier build restore only with {@code --allowNonRestoredState}, losing that state: this
 * test turns a rename into a decision, taken with an upgrade note in docs/operations.md.
 */
@Tag("unit")
class SavepointNamesTest {

    @Test
    void pinsEveryOperatorUid() throws Exception {
        List<String> uids = new ArrayList<>();
        for (Field field : OperatorIds.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                uids.add((String) field.get(null));
            }
        }
        assertThat(uids).containsExactlyInAnyOrder(UIDS);
    }

    @Test
    void pinsEveryStateName() throws Exception {
        assertThat(stateNames()).containsExactlyInAnyOrder(STATE_NAMES);
    }

    /** The name of every state descriptor kept in a static field, or made by a static method from a duration. */
    private static List<String> stateNames() throws Exception {
        List<String> names = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gridwatch")) {
            for (JavaField field : type.getFields()) {
                if (field.getModifiers().contains(JavaModifier.STATIC) && field.getRawType().isAssignableTo(StateDescriptor.class)) {
                    Field reflected = field.reflect();
                    reflected.setAccessible(true);
                    names.add(((StateDescriptor<?, ?>) reflected.get(null)).getName());
                }
            }
            for (JavaMethod method : type.getMethods()) {
                if (method.getModifiers().contains(JavaModifier.STATIC) && method.getRawReturnType().isAssignableTo(StateDescriptor.class)) {
                    Method reflected = method.reflect();
                    reflected.setAccessible(true);
                    names.add(((StateDescriptor<?, ?>) reflected.invoke(null, Duration.ofDays(1))).getName());
                }
            }
        }
        return names;
    }

    private static final String[] UIDS = {
        "gridwatch-alerts-elasticsearch-sink", "gridwatch-alerts-kafka-sink", "gridwatch-apply-silences",
        "gridwatch-cases-elasticsearch-sink", "gridwatch-category-watch-starts", "gridwatch-complaint-cases",
        "gridwatch-daily-rollup", "gridwatch-deadletter-sink", "gridwatch-deliver-notices",
        "gridwatch-detect-cluster-hotspot", "gridwatch-detect-escalating-dispute",
        "gridwatch-detect-grid-hotspot-rhythm", "gridwatch-detect-new-category",
        "gridwatch-detect-overdue-response-by-grid", "gridwatch-detect-patrol-gap",
        "gridwatch-detect-repeated-dispute-by-street", "gridwatch-drop-duplicates", "gridwatch-escalate-alerts",
        "gridwatch-escalations-elasticsearch-sink", "gridwatch-event-source", "gridwatch-events-elasticsearch-sink",
        "gridwatch-failed-notices-sink", "gridwatch-grid-daily-elasticsearch-sink",
        "gridwatch-lifecycle-alerts-elasticsearch-sink", "gridwatch-lifecycle-history-elasticsearch-sink",
        "gridwatch-lifecycle-source", "gridwatch-repeated-evidence-elasticsearch-sink", "gridwatch-route-events",
        "gridwatch-route-lifecycle", "gridwatch-route-rules", "gridwatch-route-silences", "gridwatch-rules-source",
        "gridwatch-silences-source", "gridwatch-suppress-alerts", "gridwatch-warm-start-history",
        "gridwatch-warm-start-rules", "gridwatch-watch-starts"
    };

    private static final String[] STATE_NAMES = {
        "active-alert", "answered-after-alert", "answered-after-deadline", "baseline-hour-resident-count",
        "baseline-hour-residents", "case-early-answers", "case-early-answers-until", "category-lookback-end",
        "category-watched-since", "complaint-case", "cool-down-end", "day-tallies", "early-answers-known",
        "early-answers-until", "held-notices", "hot-grids", "hotspot-expiry", "hotspot-recheck", "hotspot-rhythm",
        "hotspot-watched-since", "last-patrol", "notice-progress", "open-complaint", "open-hotspot",
        "overdue-alert-due", "overdue-alert-raised", "patrol-deadline", "patrol-gaps-reported",
        "patrol-never-patrolled", "pending-category-complaints", "pending-complaints", "pending-hotspots",
        "pending-visits", "rate-window", "replaced-alerts", "response-deadline", "rules", "seen-event-ids",
        "silences", "unanswered-by-expiry", "unanswered-complaints", "window-complaints", "window-cursor",
        "window-residents"
    };
}
