package io.cloudlab.contracts.catalogue;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Money;
import io.cloudlab.contracts.Nullable;
import io.cloudlab.contracts.Require;
import java.math.BigDecimal;

/** A vendor listed a product; {@code vendorId} is the vendor's id as the owner knows it. */
public record ProductCreated(
        @JsonProperty("vendor_id") @Nullable String vendorId,
        @JsonProperty("name") String name,
        @JsonProperty("price") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price,
        @JsonProperty("currency") String currency) implements ProductEvent {

    public ProductCreated {
        Require.text(name, "name");
        price = Money.amount(Require.present(price, "price"), "price");
        Require.text(currency, "currency");
    }
}
