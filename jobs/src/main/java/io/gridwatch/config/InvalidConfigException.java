package io.gridwatch.config;

/** A configuration value GridWatch cannot start with; the message names the key. */
public class InvalidConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }
}
