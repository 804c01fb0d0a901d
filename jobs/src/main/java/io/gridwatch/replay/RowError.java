package io.gridwatch.replay;

/** A row of the input that could not become an event, and why. */
public record RowError(long line, String message) {

    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
