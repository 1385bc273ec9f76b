package io.cloudlab.readmodels.testing;

import jakarta.enterprise.context.ApplicationScoped;

/** The probe counters' projection the parking tests use. */
@ApplicationScoped
public class ParkingCounters extends CounterProjection {

    public static final String NAME = "rm-parking";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String aggregate() {
        return "RmParking";
    }
}
