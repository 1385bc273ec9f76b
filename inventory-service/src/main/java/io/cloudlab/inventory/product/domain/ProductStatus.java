package io.cloudlab.inventory.product.domain;

import java.util.Locale;

/** Whether a product is sold. Spelled in lower case on the wire and in the database, as the seed's enums are. */
public enum ProductStatus {
    ACTIVE,
    RETIRED;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProductStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
