package io.gridwatch.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a scorecard is computed from, for the grids of its scope and the months it shows.
 *
 * @param patrolDays the local days each grid had a patrol, from the daily rollup
 */
public record Facts(List<CaseFact> cases, Map<String, Set<LocalDate>> patrolDays, List<WarningFact> warnings) {

    /**
     * The facts in documents as GridWatch indexes them: cases ({@code gridwatch-cases}), grid-days
     * ({@code gridwatch-grid-daily}), warnings ({@code gridwatch-alerts}) and their history
     * ({@code gridwatch-alert-history}, of which the escalations count).
     */
    public static Facts fromDocuments(List<JsonNode> cases, List<JsonNode> gridDays, List<JsonNode> alerts,
            List<JsonNode> history) {
        List<CaseFact> caseFacts = new ArrayList<>();
        for (JsonNode source : cases) {
            CaseFact fact = CaseFact.fromSource(source);
            if (fact != null) {
                caseFacts.add(fact);
            }
        }
        Map<String, Set<LocalDate>> patrolDays = new HashMap<>();
        for (JsonNode day : gridDays) {
            if (day.path("patrols").asInt() > 0) {
                patrolDays.computeIfAbsent(day.get("gridId").asText(), g -> new TreeSet<>())
                        .add(LocalDate.parse(day.get("date").asText()));
            }
        }
        Map<String, List<String>> escalations = new HashMap<>();
        for (JsonNode entry : history) {
            if (entry.hasNonNull("escalatedTo")) {
                escalations.computeIfAbsent(entry.get("alertId").asText(), id -> new ArrayList<>())
                        .add(entry.get("escalatedTo").asText());
            }
        }
        List<WarningFact> warnings = alerts.stream().map(alert -> WarningFact.fromSource(alert,
                escalations.getOrDefault(alert.get("alertId").asText(), List.of()))).toList();
        return new Facts(caseFacts, patrolDays, warnings);
    }
}
