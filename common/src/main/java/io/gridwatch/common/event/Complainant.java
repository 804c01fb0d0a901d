package io.gridwatch.common.event;

import java.io.Serializable;

/** Personal data of the resident who complained. Either field may be {@code null}. */
public record Complainant(String name, String phone) implements Serializable {}
