package io.gridwatch.common.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.Objects;

/**
 * Every threshold of every detector, read from {@code rules.yaml} (the shipped default is
 * {@code common/src/main/resources/gridwatch/rules.yaml}, with a comment on each rule). Load with {@link RulesLoader}.
 */
public record Rules(RepeatedDisputeRule repeatedDispute) implements Serializable {

    @JsonCreator
    public Rules(@JsonProperty(value = "repeated_dispute", required = true) RepeatedDisputeRule repeatedDispute) {
        this.repeatedDispute = Objects.requireNonNull(repeatedDispute, "repeated_dispute");
    }
}
