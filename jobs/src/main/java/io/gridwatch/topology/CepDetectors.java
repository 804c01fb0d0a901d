package io.gridwatch.topology;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.EscalatingDisputeRule;
import io.gridwatch.common.rules.RepeatedDisputeRule;
import io.gridwatch.common.rules.RuleSet;
import io.gridwatch.detect.ByEventId;
import io.gridwatch.detect.EscalatingDisputeDetector;
import io.gridwatch.detect.RepeatedDisputeDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/**
 * The wiring of the two CEP detectors. CEP fixes a pattern's thresholds when the job is built, so each runs one
 * operator per street with overrides of its own and one for the other streets, each fed only the complaints its
 * pattern can match: under relaxed contiguity the others change no match, and sent on they would cost a shuffle and a
 * place in CEP's buffer each.
 */
final class CepDetectors {

    private CepDetectors() {}

    /**
     * Each street variant's pattern holds the rule of every category ({@link RepeatedDisputeDetector#pattern}), so
     * disputes of different categories about one subject count together.
     */
    static List<DataStream<Alert>> repeatedDisputes(DetectorInputs inputs) {
        RuleSet<RepeatedDisputeRule> rules = inputs.rules().repeatedDispute();
        GridRegistry registry = inputs.registry();
        Set<String> streetsWithOverrides = rules.streetsWithOverrides();
        Map<String, String> streetByVariant = new LinkedHashMap<>();
        streetByVariant.put("default", null);
        streetsWithOverrides.forEach(street -> streetByVariant.put("street=" + street, street));
        List<DataStream<Alert>> alerts = new ArrayList<>();
        streetByVariant.forEach((variant, variantStreet) -> {
            Map<Category, RepeatedDisputeRule> byCategory = rules.byCategory(variantStreet);
            Set<Category> watched = RepeatedDisputeDetector.watched(byCategory);
            DataStream<Complaint> mine = inputs.complaints()
                    .filter(c -> {
                        String street = street(registry, c);
                        return watched.contains(c.category()) && Objects.equals(variantStreet,
                                streetsWithOverrides.contains(street) ? street : null);
                    })
                    .name("Complaints under " + RepeatedDisputeDetector.NAME + " rules " + variant);
            alerts.add(CEP.pattern(mine.keyBy(RepeatedDisputeDetector.KEY, Types.STRING),
                            RepeatedDisputeDetector.pattern(byCategory), new ByEventId())
                    .inEventTime()
                    .process(new RepeatedDisputeDetector.ToAlert(byCategory, registry))
                    .uid(OperatorIds.variant(OperatorIds.REPEATED_DISPUTE, variant))
                    .name("Detect " + RepeatedDisputeDetector.NAME + " (" + variant + ")"));
        });
        return alerts;
    }

    /** One pattern per street variant; it spans categories, so only street overrides apply. */
    static List<DataStream<Alert>> escalatingDisputes(DetectorInputs inputs) {
        RuleSet<EscalatingDisputeRule> rules = inputs.rules().escalatingDispute();
        GridRegistry registry = inputs.registry();
        List<DataStream<Alert>> alerts = new ArrayList<>();
        rules.variants().forEach((rule, variant) -> {
            KeyedStream<Complaint, String> mine = inputs.complaints()
                    .filter(c -> (rule.categories().contains(c.category())
                                    || rule.conflictCategories().contains(c.category()))
                            && rules.forStreet(street(registry, c)).equals(rule))
                    .name("Complaints under " + EscalatingDisputeDetector.NAME + " rules " + variant)
                    .keyBy(RepeatedDisputeDetector.KEY, Types.STRING);
            alerts.add(CEP.pattern(mine, EscalatingDisputeDetector.pattern(rule), new ByEventId())
                    .inEventTime()
                    .process(new EscalatingDisputeDetector.ToAlert(rule, registry))
                    .uid(OperatorIds.variant(OperatorIds.ESCALATING_DISPUTE, variant))
                    .name("Detect " + EscalatingDisputeDetector.NAME + " (" + variant + ")"));
        });
        return alerts;
    }

    private static String street(GridRegistry registry, Complaint complaint) {
        return registry.find(complaint.gridId()).orElseThrow().street();
    }
}
