package io.cloudlab.order.admission;

import jakarta.enterprise.context.ApplicationScoped;

/** The time admission measures a count's age by: a bean so a test can move it on. */
@ApplicationScoped
public class AdmissionClock {

    public long nanoTime() {
        return System.nanoTime();
    }
}
