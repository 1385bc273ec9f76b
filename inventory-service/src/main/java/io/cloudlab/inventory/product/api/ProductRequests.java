package io.cloudlab.inventory.product.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request bodies of the product endpoints. Shapes are checked here; the product's own rules (a price above
 * zero, an ISO 4217 currency) are the domain's, which answers 400 naming the field as well.
 */
public final class ProductRequests {

    static final String MONEY = "\\d{1,8}(\\.\\d{1,2})?";
    static final String MONEY_MESSAGE = "must be a decimal string with up to 8 digits and 2 decimals, like \"19.99\"";

    private ProductRequests() {}

    @Schema(name = "CreateProduct")
    public record CreateProduct(
            @Schema(example = "Oak desk chair") @NotBlank @Size(max = 200) String name,
            @Schema(example = "Solid oak, adjustable height") @Size(max = 5000) String description,
            @Schema(example = "129.90", description = "Unit price, a decimal string with 2 decimals")
            @NotNull @Pattern(regexp = MONEY, message = MONEY_MESSAGE) String price,
            @Schema(example = "EUR", description = "ISO 4217 code") @NotNull @Pattern(regexp = "[A-Z]{3}",
                    message = "must be an ISO 4217 code of three upper-case letters") String currency,
            @Schema(example = "25") @NotNull @PositiveOrZero @Max(1_000_000) Integer initialStock) {}

    @Schema(name = "UpdateProduct")
    public record UpdateProduct(
            @Schema(example = "Oak desk chair, large") @NotBlank @Size(max = 200) String name,
            @Schema(example = "Solid oak, adjustable height, wide seat") @Size(max = 5000) String description) {}

    @Schema(name = "RepriceProduct")
    public record RepriceProduct(
            @Schema(example = "119.90") @NotNull @Pattern(regexp = MONEY, message = MONEY_MESSAGE) String price) {}

    @Schema(name = "RestockProduct")
    public record RestockProduct(@Schema(example = "10") @NotNull @Positive @Max(1_000_000) Integer quantity) {}
}
