package io.cloudlab.inventory.product.store;

import jakarta.enterprise.context.ApplicationScoped;

/** The time shared catalogue pages age by: a bean so a test can move it on. */
@ApplicationScoped
public class CatalogueClock {

    public long nanoTime() {
        return System.nanoTime();
    }
}
