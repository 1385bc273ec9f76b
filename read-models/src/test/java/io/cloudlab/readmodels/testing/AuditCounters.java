package io.cloudlab.readmodels.testing;

import jakarta.enterprise.context.ApplicationScoped;

/** The probe counters' projection the audit tests use. */
@ApplicationScoped
public class AuditCounters extends CounterProjection {

    public static final String NAME = "rm-audit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String aggregate() {
        return "RmAudit";
    }
}
