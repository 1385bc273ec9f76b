package io.cloudlab.inventory.product.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    static final ProductCreated CREATED =
            new ProductCreated(VENDOR, "Oak chair", "Solid oak", new BigDecimal("19.99"), "EUR", 10);

    static Product given(ProductEvent... history) {
        return Product.from(ID, List.of(history));
    }

    @Test
    void createAnnouncesTheProductWithItsPriceAtTwoDecimalsAndItsInitialStock() {
        List<ProductEvent> events = Product.unborn(ID)
                .handle(new CreateProduct(VENDOR, "Oak chair", "Solid oak", Price.of("19.9", "EUR"), 10));

        assertEquals(List.of(new ProductCreated(VENDOR, "Oak chair", "Solid oak", new BigDecimal("19.90"), "EUR", 10)),
                events);
        ProductState state = Product.unborn(ID).applyAll(events).state();
        assertEquals(10, state.available());
        assertEquals(0, state.reserved());
        assertEquals(ProductStatus.ACTIVE, state.status());
        assertEquals(1, state.version());
    }

    @Test
    void createTwiceIsRefused() {
        assertThrows(ProductAlreadyExists.class, () -> given(CREATED)
                .handle(new CreateProduct(VENDOR, "Other", "", Price.of("1.00", "EUR"), 1)));
    }

    @Test
    void createRefusesBlankOrLongNamesNulCharactersAndStockOutOfRange() {
        Product unborn = Product.unborn(ID);
        Price price = Price.of("1.00", "EUR");
        assertEquals("name", assertThrows(InvalidProductData.class,
                () -> unborn.handle(new CreateProduct(VENDOR, "  ", "", price, 1))).field());
        assertEquals("name", assertThrows(InvalidProductData.class,
                () -> unborn.handle(new CreateProduct(VENDOR, "x".repeat(201), "", price, 1))).field());
        assertEquals("description", assertThrows(InvalidProductData.class,
                () -> unborn.handle(new CreateProduct(VENDOR, "ok", "bad\u0000byte", price, 1))).field());
        assertEquals("initial_stock", assertThrows(InvalidProductData.class,
                () -> unborn.handle(new CreateProduct(VENDOR, "ok", "", price, -1))).field());
        assertEquals("initial_stock", assertThrows(InvalidProductData.class,
                () -> unborn.handle(new CreateProduct(VENDOR, "ok", "", price, 1_000_001))).field());
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
        assertEquals(List.of(new ProductUpdated("Oak chair XL", "Wider")),
                given(CREATED).handle(new UpdateProduct("Oak chair XL", "Wider")));
        assertEquals(List.of(), given(CREATED).handle(new UpdateProduct("Oak chair", "Solid oak")));
    }

    @Test
    void repriceCarriesThePreviousPriceAndTheCurrency() {
        assertEquals(List.of(new ProductRepriced(new BigDecimal("24.50"), new BigDecimal("19.99"), "EUR")),
                given(CREATED).handle(new RepriceProduct(new BigDecimal("24.5"))));
        assertEquals(List.of(), given(CREATED).handle(new RepriceProduct(new BigDecimal("19.990"))));
        assertThrows(InvalidProductData.class, () -> given(CREATED).handle(new RepriceProduct(BigDecimal.ZERO)));
    }

    @Test
    void restockAddsToAvailableAndCarriesTheNewLevel() {
        Product product = given(CREATED, new StockReserved(ORDER, 4, 6, 4, EXPIRES));

        assertEquals(List.of(new StockRestocked(5, 11)), product.handle(new RestockProduct(5)));
        assertEquals("quantity", assertThrows(InvalidProductData.class,
                () -> product.handle(new RestockProduct(0))).field());
    }

    @Test
    void aRetiredProductTakesNoChangesNorReservationsAndRetiringAgainChangesNothing() {
        Product retired = given(CREATED, new ProductRetired());

        assertEquals(ProductStatus.RETIRED, retired.state().status());
        assertThrows(ProductNotActive.class, () -> retired.handle(new UpdateProduct("x", "y")));
        assertThrows(ProductNotActive.class, () -> retired.handle(new RepriceProduct(BigDecimal.TEN)));
        assertThrows(ProductNotActive.class, () -> retired.handle(new RestockProduct(1)));
        assertThrows(ProductNotActive.class, () -> retired.handle(new ReserveStock(ORDER, 1, EXPIRES)));
        assertEquals(List.of(), retired.handle(new RetireProduct()));
        assertEquals(List.of(new ProductRetired()), given(CREATED).handle(new RetireProduct()));
    }

    @Test
    void reserveMovesUnitsFromAvailableToReservedAndNeverOversells() {
        Product product = given(CREATED);

        assertEquals(List.of(new StockReserved(ORDER, 10, 0, 10, EXPIRES)),
                product.handle(new ReserveStock(ORDER, 10, EXPIRES)));
        InsufficientStock refused = assertThrows(InsufficientStock.class,
                () -> product.handle(new ReserveStock(ORDER, 11, EXPIRES)));
        assertEquals(10, refused.available());
    }

    @Test
    void releaseGivesUnitsBackWithItsReasonAndCommitTakesThemOutOfTheStock() {
        Product product = given(CREATED, new StockReserved(ORDER, 3, 7, 3, EXPIRES));

        assertEquals(List.of(new StockReleased(ORDER, 3, ReleaseReason.EXPIRED, 10, 0)),
                product.handle(new ReleaseStock(ORDER, 3, ReleaseReason.EXPIRED)));
        List<ProductEvent> committed = product.handle(new CommitStock(ORDER, 3));
        assertEquals(List.of(new StockCommitted(ORDER, 3, 0)), committed);
        ProductState after = product.applyAll(committed).state();
        assertEquals(7, after.available());
        assertEquals(0, after.reserved());
    }

    @Test
    void aRetiredProductStillGivesBackAndDeliversWhatWasReserved() {
        Product retired = given(CREATED, new StockReserved(ORDER, 3, 7, 3, EXPIRES), new ProductRetired());

        assertEquals(1, retired.handle(new ReleaseStock(ORDER, 3, ReleaseReason.RELEASED)).size());
        assertEquals(1, retired.handle(new CommitStock(ORDER, 3)).size());
    }

    @Test
    void releasingMoreThanIsReservedIsABugNotAnEvent() {
        assertThrows(IllegalStateException.class,
                () -> given(CREATED).handle(new ReleaseStock(ORDER, 1, ReleaseReason.RELEASED)));
    }

    @Test
    void foldingTheStreamGivesTheSameStateAsRestoringTheRows() {
        Product folded = given(CREATED, new StockRestocked(5, 15), new StockReserved(ORDER, 2, 13, 2, EXPIRES),
                new ProductRepriced(new BigDecimal("21.00"), new BigDecimal("19.99"), "EUR"));

        ProductState s = folded.state();
        assertEquals(new ProductState(ID, VENDOR, "Oak chair", "Solid oak", Price.of("21.00", "EUR"),
                ProductStatus.ACTIVE, 13, 2, 4), s);
        assertTrue(Product.restore(s).handle(new ReserveStock(ORDER, 13, EXPIRES)).size() == 1);
    }
}
