package io.cloudlab.order.order.api;

import io.cloudlab.order.order.domain.PaymentMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a storefront sends to place an order: products and quantities only, never prices. */
@Schema(name = "PlaceOrder", example = """
        {"items": [{"product_id": "6f1c2b9e-3d4a-4f5e-9a8b-7c6d5e4f3a2b", "quantity": 2}],
         "shipping_address": {"recipient": "Ada Lovelace", "line1": "12 St James's Square", "city": "London",
                              "postal_code": "SW1Y 4JH", "country": "GB"},
         "payment_method": "credit_card", "payment_method_id": "0d9c8b7a-6f5e-4d3c-2b1a-098f7e6d5c4b",
         "currency": "EUR"}""")
public record PlaceOrderRequest(
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Item> items,
        @NotNull @Valid Address shippingAddress,
        @NotNull PaymentMethod paymentMethod,
        UUID paymentMethodId,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {

    public record Item(@NotNull UUID productId, @NotNull @Min(1) @Max(1000) Integer quantity) {}

    public record Address(
            @NotBlank @Size(max = 200) String recipient,
            @NotBlank @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @NotBlank @Pattern(regexp = "[A-Za-z0-9 -]{2,12}", message = "must be 2-12 letters, digits, spaces or dashes")
            String postalCode,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE") String country) {}
}
