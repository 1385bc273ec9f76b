package io.cloudlab.readmodels.testing;

import jakarta.enterprise.context.ApplicationScoped;

/** The probe counters' projection the rebuild tests use. */
@ApplicationScoped
public class RebuildCounters extends CounterProjection {

    public static final String NAME = "rm-rebuild";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String aggregate() {
        return "RmRebuild";
    }
}
