package io.cloudlab.contracts.catalogue;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Money;
import io.cloudlab.contracts.Require;
import java.math.BigDecimal;

/** The product's price changed, in its currency. */
public record ProductRepriced(
        @JsonProperty("price") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price) implements ProductEvent {

    public ProductRepriced {
        price = Money.amount(Require.present(price, "price"), "price");
    }
}
