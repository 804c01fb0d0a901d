package io.gridwatch.ingest;

import io.gridwatch.common.rules.Rules;
import java.io.Serializable;

/**
 * What the rules source emits for one record of the rules topic: new rules, or a dead letter when the record is not
 * a valid rules file (the rules in force then stay).
 */
public record RulesUpdate(Rules rules, DeadLetter deadLetter) implements Serializable {}
