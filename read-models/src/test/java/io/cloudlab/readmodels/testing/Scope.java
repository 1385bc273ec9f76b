package io.cloudlab.readmodels.testing;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This run's names (see {@link RunScope}). */
@ApplicationScoped
public class Scope {

    @ConfigProperty(name = "readmodels.test.run")
    String run;

    /** The run's aggregate type of that name, one of {@link RunScope#AGGREGATES}. */
    public String type(String aggregate) {
        if (!RunScope.AGGREGATES.contains(aggregate)) throw new IllegalArgumentException("not a probe aggregate: " + aggregate);
        return aggregate + "-" + run;
    }
}
