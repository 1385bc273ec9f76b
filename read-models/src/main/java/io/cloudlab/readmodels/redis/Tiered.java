package io.cloudlab.readmodels.redis;

/** A read's answer and the tier that gave it. */
public record Tiered<T>(T value, Tier tier) {}
