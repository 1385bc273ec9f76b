package io.cloudlab.readmodels.testing;

import jakarta.enterprise.context.ApplicationScoped;

/** The probe counters' projection the tiered-reads tests use. */
@ApplicationScoped
public class TierCounters extends CounterProjection {

    public static final String NAME = "rm-tier";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String aggregate() {
        return "RmTier";
    }
}
