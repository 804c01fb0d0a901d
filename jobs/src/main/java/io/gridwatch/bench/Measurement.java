package io.gridwatch.bench;

/**
 * One benchmark figure: what was measured ({@code stage}, {@code subject}), its value and unit, and how it was
 * obtained in a few words ({@code method}), which BENCHMARKS.md explains in full.
 */
public record Measurement(String stage, String subject, double value, String unit, String method) {}
