package io.cloudlab.readmodels.redis;

/** Which tier answered a read; sent to clients in the {@value #HEADER} header. */
public enum Tier {
    MEMORY, REDIS, POSTGRES;

    public static final String HEADER = "X-Read-Tier";

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
