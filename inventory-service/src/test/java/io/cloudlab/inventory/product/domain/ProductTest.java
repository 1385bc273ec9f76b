package io.cloudlab.inventory.product.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudlab.eventstore.decider.Refusal;
import io.cloudlab.inventory.product.domain.ProductCommand.CommitStock;
import io.cloudlab.inventory.product.domain.ProductCommand.CreateProduct;
import io.cloudlab.inventory.product.domain.ProductCommand.ReleaseStock;
import io.cloudlab.inventory.product.domain.ProductCommand.RepriceProduct;
import io.cloudlab.inventory.product.domain.ProductCommand.ReserveStock;
import io.cloudlab.inventory.product.domain.ProductCommand.RestockProduct;
import io.cloudlab.inventory.product.domain.ProductCommand.RetireProduct;
import io.cloudlab.inventory.product.domain.ProductCommand.UpdateProduct;
import io.cloudlab.inventory.product.domain.ProductEvent.ProductCreated;
import io.cloudlab.inventory.product.domain.ProductEvent.ProductRepriced;
import io.cloudlab.inventory.product.domain.ProductEvent.ProductRetired;
import io.cloudlab.inventory.product.domain.ProductEvent.ProductUpdated;
import io.cloudlab.inventory.product.domain.ProductEvent.StockCommitted;
import io.cloudlab.inventory.product.domain.ProductEvent.StockReleased;
import io.cloudlab.inventory.product.domain.ProductEvent.StockReserved;
import io.cloudlab.inventory.product.domain.ProductEvent.StockRestocked;
import io.cloudlab.support.testing.DeciderSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Given the product's past events, when a command arrives, then these events (or this refusal). */
class ProductTest {

    static final UUID ID = UUID.randomUUID();
    static final UUID VENDOR = UUID.randomUUID();
    static final UUID ORDER = UUID.randomUUID();
    static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");
    static final Price ONE_EURO = Price.of("1.00", "EUR");
    static final ProductCreated CREATED =
            new ProductCreated(VENDOR, "Oak chair", "Solid oak", new BigDecimal("19.99"), "EUR", 10);
    static final StockReserved RESERVED_3 = new StockReserved(ORDER, 3, 7, 3, EXPIRES);
    static final ProductRetired RETIRED = new ProductRetired();

    final DeciderSpec<ProductCommand, ProductEvent, ProductState> product = DeciderSpec.of(Product.of(ID));

    @Test
    void createAnnouncesTheProductWithItsPriceAtTwoDecimalsAndItsInitialStock() {
        ProductState state = product.given()
                .when(new CreateProduct(VENDOR, "Oak chair", "Solid oak", Price.of("19.9", "EUR"), 10))
                .then(new ProductCreated(VENDOR, "Oak chair", "Solid oak", new BigDecimal("19.90"), "EUR", 10));

        assertEquals(new ProductState(ID, VENDOR, "Oak chair", "Solid oak", Price.of("19.90", "EUR"),
                ProductStatus.ACTIVE, 10, 0, 1), state);
    }

    @Test
    void createTwiceIsRefused() {
        product.given(CREATED).when(new CreateProduct(VENDOR, "Other", "", ONE_EURO, 1)).thenRefused(ProductAlreadyExists.class);
    }

    @Test
    void createRefusesBlankOrLongNamesNulCharactersLongDescriptionsNoVendorAndStockOutOfRange() {
        assertEquals("name", product.given().when(new CreateProduct(VENDOR, "  ", "", ONE_EURO, 1)).thenRefused(InvalidProductData.class).field());
        assertEquals("name", product.given().when(new CreateProduct(VENDOR, null, "", ONE_EURO, 1)).thenRefused(InvalidProductData.class).field());
        assertEquals("name", product.given().when(new CreateProduct(VENDOR, "x".repeat(201), "", ONE_EURO, 1)).thenRefused(InvalidProductData.class).field());
        assertEquals("name", product.given().when(new CreateProduct(VENDOR, "nul\u0000", "", ONE_EURO, 1)).thenRefused(InvalidProductData.class).field());
        assertEquals("description", product.given().when(new CreateProduct(VENDOR, "ok", "bad\u0000byte", ONE_EURO, 1)).thenRefused(InvalidProductData.class).field());
        assertEquals("description", product.given().when(new CreateProduct(VENDOR, "ok", "x".repeat(5001), ONE_EURO, 1)).thenRefused(InvalidProductData.class).field());
        assertEquals("vendor_id", product.given().when(new CreateProduct(null, "ok", "", ONE_EURO, 1)).thenRefused(InvalidProductData.class).field());
        assertEquals("initial_stock", product.given().when(new CreateProduct(VENDOR, "ok", "", ONE_EURO, -1)).thenRefused(InvalidProductData.class).field());
        assertEquals("initial_stock", product.given().when(new CreateProduct(VENDOR, "ok", "", ONE_EURO, 1_000_001)).thenRefused(InvalidProductData.class).field());
    }

    @Test
    void createWithoutDescriptionOrStockIsAnEmptyDescriptionAndNoUnits() {
        product.given().when(new CreateProduct(VENDOR, "ok", null, ONE_EURO, 0))
                .then(new ProductCreated(VENDOR, "ok", "", new BigDecimal("1.00"), "EUR", 0));
    }

    @Test
    void priceMustBePositiveWithTwoDecimalsAndAnIsoCurrency() {
        assertEquals("price", assertThrows(InvalidProductData.class, () -> Price.of("0.00", "EUR")).field());
        assertEquals("price", assertThrows(InvalidProductData.class, () -> Price.of("-1", "EUR")).field());
        assertEquals("price", assertThrows(InvalidProductData.class, () -> Price.of("1.999", "EUR")).field());
        assertEquals("price", assertThrows(InvalidProductData.class, () -> Price.of("100000000.00", "EUR")).field());
        assertEquals("currency", assertThrows(InvalidProductData.class, () -> Price.of("1.00", "XQZ")).field());
        assertEquals("currency", assertThrows(InvalidProductData.class, () -> Price.of("1.00", "eur")).field());
        assertEquals("99999999.99", Price.of("99999999.99", "USD").amountText());
    }

    @Test
    void updateAnnouncesNewTextAndIsSilentWhenNothingChanges() {
        product.given(CREATED).when(new UpdateProduct("Oak chair XL", "Wider")).then(new ProductUpdated("Oak chair XL", "Wider"));
        product.given(CREATED).when(new UpdateProduct("Oak chair", "Solid oak")).thenNothing();
        assertEquals("name", product.given(CREATED).when(new UpdateProduct("", "Wider")).thenRefused(InvalidProductData.class).field());
    }

    @Test
    void repriceCarriesThePreviousPriceAndTheCurrency() {
        product.given(CREATED).when(new RepriceProduct(new BigDecimal("24.5")))
                .then(new ProductRepriced(new BigDecimal("24.50"), new BigDecimal("19.99"), "EUR"));
        product.given(CREATED).when(new RepriceProduct(new BigDecimal("19.990"))).thenNothing();
        assertEquals("price", product.given(CREATED).when(new RepriceProduct(BigDecimal.ZERO)).thenRefused(InvalidProductData.class).field());
    }

    @Test
    void restockAddsToAvailableAndCarriesTheNewLevel() {
        product.given(CREATED, new StockReserved(ORDER, 4, 6, 4, EXPIRES)).when(new RestockProduct(5)).then(new StockRestocked(5, 11));
        assertEquals("quantity", product.given(CREATED).when(new RestockProduct(0)).thenRefused(InvalidProductData.class).field());
        assertEquals("quantity", product.given(CREATED).when(new RestockProduct(1_000_001)).thenRefused(InvalidProductData.class).field());
    }

    @Test
    void restockNeverTakesTheStockAboveItsLimit() {
        ProductCreated full = new ProductCreated(VENDOR, "Bolt", "", new BigDecimal("0.10"), "EUR", 1_000_000);
        StockRestocked[] restocks = new StockRestocked[998];
        for (int i = 0; i < restocks.length; i++) restocks[i] = new StockRestocked(1_000_000, 1_000_000 * (i + 2));
        ProductEvent[] history = new ProductEvent[restocks.length + 1];
        history[0] = full;
        System.arraycopy(restocks, 0, history, 1, restocks.length);

        product.given(history).when(new RestockProduct(1_000_000)).then(new StockRestocked(1_000_000, 1_000_000_000));
        ProductEvent[] atLimit = java.util.Arrays.copyOf(history, history.length + 1);
        atLimit[history.length] = new StockRestocked(1_000_000, 1_000_000_000);
        assertEquals("quantity", product.given(atLimit).when(new RestockProduct(1)).thenRefused(InvalidProductData.class).field());
    }

    @Test
    void aRetiredProductTakesNoChangesNorReservationsAndRetiringAgainChangesNothing() {
        assertEquals(ProductStatus.RETIRED, product.given(CREATED, RETIRED).state().status());
        product.given(CREATED, RETIRED).when(new UpdateProduct("x", "y")).thenRefused(ProductNotActive.class);
        product.given(CREATED, RETIRED).when(new RepriceProduct(BigDecimal.TEN)).thenRefused(ProductNotActive.class);
        product.given(CREATED, RETIRED).when(new RestockProduct(1)).thenRefused(ProductNotActive.class);
        product.given(CREATED, RETIRED).when(new ReserveStock(ORDER, 1, EXPIRES)).thenRefused(ProductNotActive.class);
        product.given(CREATED, RETIRED).when(new RetireProduct()).thenNothing();
        product.given(CREATED).when(new RetireProduct()).then(RETIRED);
    }

    @Test
    void reserveMovesUnitsFromAvailableToReservedAndNeverOversells() {
        product.given(CREATED).when(new ReserveStock(ORDER, 10, EXPIRES)).then(new StockReserved(ORDER, 10, 0, 10, EXPIRES));
        assertEquals(10, product.given(CREATED).when(new ReserveStock(ORDER, 11, EXPIRES)).thenRefused(InsufficientStock.class).available());
        assertEquals("quantity", product.given(CREATED).when(new ReserveStock(ORDER, 0, EXPIRES)).thenRefused(InvalidProductData.class).field());
    }

    @Test
    void releaseGivesUnitsBackWithItsReasonAndCommitTakesThemOutOfTheStock() {
        product.given(CREATED, RESERVED_3).when(new ReleaseStock(ORDER, 3, ReleaseReason.EXPIRED))
                .then(new StockReleased(ORDER, 3, ReleaseReason.EXPIRED, 10, 0));
        ProductState after = product.given(CREATED, RESERVED_3).when(new CommitStock(ORDER, 3)).then(new StockCommitted(ORDER, 3, 0));

        assertEquals(List.of(7, 0), List.of(after.available(), after.reserved()));
    }

    @Test
    void soldUnitsThatComeBackAreAvailableAgainEvenOnARetiredProduct() {
        StockCommitted sold = new StockCommitted(ORDER, 3, 0);
        ProductState after = product.given(CREATED, RESERVED_3, sold).when(new ProductCommand.ReturnStock(ORDER, 3))
                .then(new ProductEvent.UnitsReturned(ORDER, 3, 10));
        assertEquals(List.of(10, 0), List.of(after.available(), after.reserved()));
        product.given(CREATED, RESERVED_3, sold, RETIRED).when(new ProductCommand.ReturnStock(ORDER, 3))
                .then(new ProductEvent.UnitsReturned(ORDER, 3, 10));
    }

    @Test
    void aRetiredProductStillGivesBackAndDeliversWhatWasReserved() {
        product.given(CREATED, RESERVED_3, RETIRED).when(new ReleaseStock(ORDER, 3, ReleaseReason.RELEASED))
                .then(new StockReleased(ORDER, 3, ReleaseReason.RELEASED, 10, 0));
        product.given(CREATED, RESERVED_3, RETIRED).when(new CommitStock(ORDER, 3)).then(new StockCommitted(ORDER, 3, 0));
    }

    @Test
    void releasingOrCommittingMoreThanIsReservedIsABugNotAnEvent() {
        product.given(CREATED).when(new ReleaseStock(ORDER, 1, ReleaseReason.RELEASED)).thenRefused(IllegalStateException.class);
        product.given(CREATED, RESERVED_3).when(new CommitStock(ORDER, 4)).thenRefused(IllegalStateException.class);
    }

    @Test
    void aProductThatDoesNotExistTakesNoCommandButItsCreation() {
        product.given().when(new RestockProduct(1)).thenRefused(IllegalStateException.class);
        product.given().when(new RetireProduct()).thenRefused(IllegalStateException.class);
    }

    @Test
    void foldingTheStreamGivesTheSameStateAsRestoringTheRows() {
        ProductState s = product.given(CREATED, new StockRestocked(5, 15), new StockReserved(ORDER, 2, 13, 2, EXPIRES),
                new ProductRepriced(new BigDecimal("21.00"), new BigDecimal("19.99"), "EUR")).state();

        assertEquals(new ProductState(ID, VENDOR, "Oak chair", "Solid oak", Price.of("21.00", "EUR"),
                ProductStatus.ACTIVE, 13, 2, 4), s);
        assertEquals(List.of(new StockReserved(ORDER, 13, 0, 15, EXPIRES)),
                Product.of(ID).decide(new ReserveStock(ORDER, 13, EXPIRES), s));
    }

    @Test
    void eachRefusalAnswersItsProblem() {
        assertProblem(new InvalidProductData("quantity", "must be between 1 and 1000000"), 400, "invalid-input", "quantity",
                "quantity must be between 1 and 1000000");
        assertProblem(new ProductNotActive(ID), 422, "product-retired", null, "product " + ID + " is retired");
        assertProblem(new InsufficientStock(ID, 11, 10), 409, "insufficient-stock", null,
                "product " + ID + " has 10 units available, 11 requested");
        assertProblem(new ProductAlreadyExists(ID), 409, "product-exists", null, "product " + ID + " already exists");
    }

    static void assertProblem(Refusal refusal, int status, String slug, String field, String detail) {
        assertEquals(List.of(status, slug, detail), List.of(refusal.kind().status(), refusal.slug(), refusal.getMessage()));
        if (field == null) assertNull(refusal.field()); else assertEquals(field, refusal.field());
    }
}
