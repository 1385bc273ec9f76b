package io.cloudlab.order.admission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The numbers of late orders at which new ones are refused: configuration, a bean so a test can lower them. */
@ApplicationScoped
public class AdmissionLimit {

    @Inject
    AdmissionConfig config;

    public int maxLate() {
        return config.maxLate();
    }

    public int maxLatePerTenant() {
        return config.maxLatePerTenant();
    }
}
