package io.gridwatch.common.rules;

/** The rules file cannot be used; the message names the file, line and key. */
public class InvalidRulesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidRulesException(String message) {
        super(message);
    }
}
