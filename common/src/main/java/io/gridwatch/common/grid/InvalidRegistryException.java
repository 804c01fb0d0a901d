package io.gridwatch.common.grid;

/** The grid registry cannot be used; the message names the file and line. */
public class InvalidRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidRegistryException(String message) {
        super(message);
    }
}
