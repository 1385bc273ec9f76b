package io.cloudlab.inventory.product.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.inventory.product.domain.Product;
import io.cloudlab.inventory.product.domain.ProductEvent;
import io.cloudlab.inventory.product.domain.ProductEvent.ProductCreated;
import io.cloudlab.inventory.product.domain.ProductEvent.ProductRepriced;
import io.cloudlab.inventory.product.domain.ProductEvent.ProductRetired;
import io.cloudlab.inventory.product.domain.ProductEvent.ProductUpdated;
import io.cloudlab.inventory.product.domain.ProductEvent.StockCommitted;
import io.cloudlab.inventory.product.domain.ProductEvent.StockReleased;
import io.cloudlab.inventory.product.domain.ProductEvent.StockReserved;
import io.cloudlab.inventory.product.domain.ProductEvent.StockRestocked;
import io.cloudlab.inventory.product.domain.ReleaseReason;
import io.cloudlab.inventory.product.store.ProductEventCodec;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Given a product's stored events, then these documents: plain folds, no Redis. */
class ProductViewFoldTest {

    static final UUID PRODUCT = UUID.randomUUID();
    static final UUID TENANT = UUID.randomUUID();
    static final UUID VENDOR = UUID.randomUUID();
    static final UUID ORDER = UUID.randomUUID();
    static final UUID OTHER_ORDER = UUID.randomUUID();
    static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");
    static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 22, 8, 0, 0, 123_456_000, ZoneOffset.UTC);
    static final ProductCreated CREATED = new ProductCreated(VENDOR, "Oak chair", "Solid oak", new BigDecimal("19.90"), "EUR", 10);

    final ProductAvailabilityProjection availability = new ProductAvailabilityProjection();
    final ProductCardsProjection cards = new ProductCardsProjection();

    @Test
    void reservationsReleasesExpiriesCommitsAndRestocksMoveTheFiguresAsTheStockRowDoes() {
        List<RecordedEvent> events = stream(CREATED,
                new StockReserved(ORDER, 3, 7, 3, EXPIRES),
                new StockReserved(OTHER_ORDER, 2, 5, 5, EXPIRES),
                new StockReleased(OTHER_ORDER, 2, ReleaseReason.EXPIRED, 7, 3),
                new StockCommitted(ORDER, 3, 0),
                new StockRestocked(5, 12),
                new StockReserved(OTHER_ORDER, 4, 8, 4, EXPIRES),
                new StockReleased(OTHER_ORDER, 1, ReleaseReason.RELEASED, 9, 3));

        JsonObject document = new JsonObject(fold(availability, events));

        assertEquals(new JsonObject(Map.of("product_id", PRODUCT.toString(), "tenant_id", TENANT.toString(),
                "available", 9, "reserved", 3, "on_hand", 12, "version", 8,
                "updated_at", at(8).toString())), document);
    }

    @Test
    void catalogueChangesCarryTheFiguresOverAndAdvanceTheVersion() {
        List<RecordedEvent> events = stream(CREATED, new StockReserved(ORDER, 4, 6, 4, EXPIRES),
                new ProductUpdated("Oak chair II", "Oiled"), new ProductRepriced(new BigDecimal("24.00"), new BigDecimal("19.90"), "EUR"),
                new ProductRetired(), new StockCommitted(ORDER, 4, 0));

        ProductAvailability figures = availability.decode(fold(availability, events.subList(0, 5)));
        assertEquals(List.of(6, 4, 10, 5), List.of(figures.available(), figures.reserved(), figures.onHand(), figures.version()));
        // Retired: held units can still be committed, and the figures follow.
        figures = availability.decode(fold(availability, events));
        assertEquals(List.of(6, 0, 6, 6), List.of(figures.available(), figures.reserved(), figures.onHand(), figures.version()));
    }

    @Test
    void theCardIsWhatGetProductAnswersWithTheFirstAndLastEventsTimes() {
        List<RecordedEvent> events = stream(CREATED, new ProductUpdated("Oak chair II", "Oiled"),
                new ProductRepriced(new BigDecimal("24.50"), new BigDecimal("19.90"), "EUR"),
                new StockReserved(ORDER, 2, 8, 2, EXPIRES), new ProductRetired());

        ProductCard card = cards.decode(fold(cards, events));

        assertEquals(new ProductCard(PRODUCT, TENANT, VENDOR, "Oak chair II", "Oiled", "24.50", "EUR", "retired", 8, 2, 5,
                at(1), at(5)), card);
        JsonObject json = new JsonObject(fold(cards, events));
        assertEquals("24.50", json.getString("price"), "money as a string with two decimals, as the API writes it");
        assertEquals(at(1).toString(), json.getString("created_at"));
    }

    @Test
    void bothDocumentsFoldToTheAggregatesStateWhateverTheHistory() {
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            List<ProductEvent> history = randomHistory(random);
            List<RecordedEvent> events = stream(history.toArray(ProductEvent[]::new));
            var expected = Product.of(PRODUCT).fold(history);

            assertEquals(expected, cards.decode(fold(cards, events)).state(), "run " + run);
            ProductAvailability figures = availability.decode(fold(availability, events));
            assertEquals(List.of(expected.available(), expected.reserved(), expected.version()),
                    List.of(figures.available(), figures.reserved(), figures.version()), "run " + run);
        }
    }

    @Test
    void anEventAppliedBeforeChangesNothing() {
        List<RecordedEvent> events = stream(CREATED, new StockRestocked(5, 15));
        String once = fold(availability, events);

        assertSame(once, availability.apply(once, events.get(1)));
        assertSame(once, availability.apply(once, events.get(0)));
        String card = fold(cards, events);
        assertSame(card, cards.apply(card, events.get(1)));
    }

    @Test
    void anEventThatArrivesBeforeAnEarlierVersionWaitsInTheDocumentUntilTheGapIsFilled() {
        // The store's delivery order is (transaction id, position); two commands on one product can take their
        // transaction ids in one order and the row lock in the other, so version 3 may come before version 2.
        List<RecordedEvent> events = stream(CREATED, new StockReserved(ORDER, 3, 7, 3, EXPIRES),
                new StockReserved(OTHER_ORDER, 2, 5, 5, EXPIRES), new ProductRepriced(new BigDecimal("21.00"), new BigDecimal("19.90"), "EUR"),
                new StockCommitted(ORDER, 3, 2));
        for (ProductDocuments<?> projection : List.of(availability, cards)) {
            String inOrder = fold(projection, events);

            String document = projection.apply(null, events.get(0));
            document = projection.apply(document, events.get(2));
            document = projection.apply(document, events.get(4));
            JsonObject waiting = new JsonObject(document);
            assertEquals(1, waiting.getInteger("version"), "shows the product as of its last applied version");
            assertEquals(10, waiting.getInteger("available"));
            assertEquals(2, waiting.getJsonArray("early_events").size());
            assertSame(document, projection.apply(document, events.get(2)), "a redelivered early event changes nothing");

            document = projection.apply(document, events.get(1));
            JsonObject caughtUp = new JsonObject(document);
            assertEquals(3, caughtUp.getInteger("version"), "version 2 and the held version 3 applied");
            assertEquals(List.of(5, 5), List.of(caughtUp.getInteger("available"), caughtUp.getInteger("reserved")));
            document = projection.apply(document, events.get(3));
            assertEquals(new JsonObject(inOrder), new JsonObject(document), projection.name());
            assertEquals(null, new JsonObject(document).getValue("early_events"), "nothing left waiting");
        }
    }

    @Test
    void aStreamWithoutItsCreationOrASecondCreationOrAnUnknownEventIsRefusedSoTheRuntimeParksIt() {
        List<RecordedEvent> events = stream(CREATED, new StockRestocked(5, 15));
        String first = availability.apply(null, events.get(0));

        assertThrows(IllegalStateException.class, () -> availability.apply(null, events.get(1)));
        assertThrows(IllegalStateException.class, () -> cards.apply(null, events.get(1)));
        RecordedEvent createdAgain = recorded(CREATED, 2);
        assertThrows(IllegalStateException.class, () -> cards.apply(cards.apply(null, events.get(0)), createdAgain));
        assertThrows(IllegalArgumentException.class, () -> availability.apply(first, new RecordedEvent(UUID.randomUUID(),
                PRODUCT, "Product", "ProductRenamed", 2, 1, new JsonObject(), new JsonObject(), TENANT, 2, 2, at(2))));
    }

    @Test
    void oneDocumentPerProduct() {
        assertEquals("product:" + PRODUCT, availability.documentOf(recorded(CREATED, 1)));
        assertEquals("product:" + PRODUCT, cards.documentOf(recorded(CREATED, 1)));
    }

    /** A product's life in random steps the aggregate allows (reserve what is available, give back what is held). */
    private static List<ProductEvent> randomHistory(Random random) {
        List<ProductEvent> history = new ArrayList<>(List.of(CREATED));
        for (int i = 0; i < 30; i++) {
            var state = Product.of(PRODUCT).fold(history);
            ProductEvent next = switch (random.nextInt(7)) {
                case 0 -> state.available() > 0 ? new StockReserved(ORDER, 1 + random.nextInt(state.available()),
                        0, 0, EXPIRES) : new StockRestocked(3, 0);
                case 1 -> state.reserved() > 0 ? new StockReleased(ORDER, 1 + random.nextInt(state.reserved()),
                        random.nextBoolean() ? ReleaseReason.RELEASED : ReleaseReason.EXPIRED, 0, 0) : new StockRestocked(1, 0);
                case 2 -> state.reserved() > 0 ? new StockCommitted(ORDER, 1 + random.nextInt(state.reserved()), 0)
                        : new StockRestocked(2, 0);
                case 3 -> new StockRestocked(1 + random.nextInt(20), 0);
                case 4 -> new ProductUpdated("Chair " + i, "step " + i);
                case 5 -> new ProductRepriced(new BigDecimal(1 + random.nextInt(100) + ".25"), state.price().amount(), "EUR");
                default -> state.isActive() && random.nextInt(4) == 0 ? new ProductRetired() : new StockRestocked(1, 0);
            };
            history.add(next);
        }
        return history;
    }

    private static String fold(ProductDocuments<?> projection, List<RecordedEvent> events) {
        String document = null;
        for (RecordedEvent event : events) document = projection.apply(document, event);
        return document;
    }

    private static List<RecordedEvent> stream(ProductEvent... events) {
        List<RecordedEvent> stored = new ArrayList<>();
        for (int i = 0; i < events.length; i++) stored.add(recorded(events[i], i + 1));
        return stored;
    }

    /** As the store gives it back: the codec's payload, the stream version, the appending transaction's time. */
    private static RecordedEvent recorded(ProductEvent event, int version) {
        return new RecordedEvent(UUID.randomUUID(), PRODUCT, ProductEventCodec.AGGREGATE_TYPE, event.type(), version, 1,
                ProductEventCodec.toJson(event), new JsonObject().put("tenant_id", TENANT.toString()), TENANT, 1000 + version,
                500 + version, at(version));
    }

    private static OffsetDateTime at(int version) {
        return T0.plusSeconds(version);
    }
}
