package io.cloudlab.inventory.product.domain;

import java.util.Locale;

/** Why reserved units went back to the available stock: the order gave them back, or nobody committed in time. */
public enum ReleaseReason {
    RELEASED,
    EXPIRED;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReleaseReason parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
