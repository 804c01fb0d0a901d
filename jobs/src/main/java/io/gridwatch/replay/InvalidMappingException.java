package io.gridwatch.replay;

/** A column mapping that cannot be used; the message names the key. */
public final class InvalidMappingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidMappingException(String message) {
        super(message);
    }
}
