package io.cloudlab.inventory.product.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudlab.eventstore.NewEvent;
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
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Product events' payloads as other services and the stored streams know them. Each literal is what the
 * codec wrote when the payloads were first published: a change of the Java records that changes one of them
 * changes the wire, and fails here.
 */
class ProductEventCodecTest {

    static final UUID VENDOR = UUID.fromString("0b7e2c64-1f3a-4c2e-9d51-6a8f0c3e7b11");
    static final UUID ORDER = UUID.fromString("5c1d9e20-7a4b-4f6e-8b3c-2d0e9f1a6b22");
    static final Instant EXPIRES = Instant.parse("2030-01-01T00:15:00.123456Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of(new ProductCreated(VENDOR, "Oak chair", "Solid oak", new BigDecimal("19.90"), "EUR", 10),
                        """
                        {"vendor_id":"0b7e2c64-1f3a-4c2e-9d51-6a8f0c3e7b11","name":"Oak chair","description":"Solid oak","price":"19.90","currency":"EUR","initial_stock":10}"""),
                Arguments.of(new ProductUpdated("Oak chair XL", ""), """
                        {"name":"Oak chair XL","description":""}"""),
                Arguments.of(new ProductRepriced(new BigDecimal("24.50"), new BigDecimal("19.90"), "EUR"), """
                        {"price":"24.50","previous_price":"19.90","currency":"EUR"}"""),
                Arguments.of(new StockRestocked(5, 15), """
                        {"quantity":5,"available":15}"""),
                Arguments.of(new ProductRetired(), """
                        {}"""),
                Arguments.of(new StockReserved(ORDER, 3, 12, 3, EXPIRES), """
                        {"order_id":"5c1d9e20-7a4b-4f6e-8b3c-2d0e9f1a6b22","quantity":3,"available":12,"reserved":3,"expires_at":"2030-01-01T00:15:00.123456Z"}"""),
                Arguments.of(new StockReserved(ORDER, 1, 0, 4, Instant.parse("2030-01-01T00:00:00Z")), """
                        {"order_id":"5c1d9e20-7a4b-4f6e-8b3c-2d0e9f1a6b22","quantity":1,"available":0,"reserved":4,"expires_at":"2030-01-01T00:00:00Z"}"""),
                Arguments.of(new StockReleased(ORDER, 3, ReleaseReason.EXPIRED, 15, 0), """
                        {"order_id":"5c1d9e20-7a4b-4f6e-8b3c-2d0e9f1a6b22","quantity":3,"reason":"expired","available":15,"reserved":0}"""),
                Arguments.of(new StockCommitted(ORDER, 3, 0), """
                        {"order_id":"5c1d9e20-7a4b-4f6e-8b3c-2d0e9f1a6b22","quantity":3,"reserved":0}"""),
                Arguments.of(new ProductEvent.UnitsReturned(ORDER, 3, 18), """
                        {"order_id":"5c1d9e20-7a4b-4f6e-8b3c-2d0e9f1a6b22","quantity":3,"available":18}"""));
    }

    @ParameterizedTest
    @MethodSource("golden")
    void eachEventIsWrittenAsItAlwaysWasAndReadBack(ProductEvent event, String json) throws Exception {
        NewEvent written = ProductEventCodec.toNew(event, null);
        assertEquals(event.getClass().getSimpleName(), written.eventType());
        assertEquals(1, written.schemaVersion());
        assertEquals(JSON.readTree(json), JSON.readTree(written.data().encode()), event.type());
        assertEquals(event, ProductEventCodec.fromJson(event.type(), new JsonObject(json)));
    }

    /** What other services read of a product (the contracts' catalogue events) reads what this service writes. */
    @Test
    void whatOtherServicesReadOfAProductReadsWhatIsWritten() {
        var created = io.cloudlab.contracts.Wire.read(ProductEventCodec.toJson(new ProductCreated(VENDOR, "Oak chair",
                "Solid oak", new BigDecimal("19.9"), "EUR", 10)).getMap(), io.cloudlab.contracts.catalogue.ProductCreated.class);
        assertEquals(new io.cloudlab.contracts.catalogue.ProductCreated(VENDOR.toString(), "Oak chair",
                new BigDecimal("19.90"), "EUR"), created);
        assertEquals(new io.cloudlab.contracts.catalogue.ProductUpdated("Walnut chair"), io.cloudlab.contracts.Wire.read(
                ProductEventCodec.toJson(new io.cloudlab.inventory.product.domain.ProductEvent.ProductUpdated("Walnut chair",
                        "Solid walnut")).getMap(), io.cloudlab.contracts.catalogue.ProductUpdated.class));
        assertEquals(new io.cloudlab.contracts.catalogue.ProductRepriced(new BigDecimal("24.50")), io.cloudlab.contracts.Wire.read(
                ProductEventCodec.toJson(new io.cloudlab.inventory.product.domain.ProductEvent.ProductRepriced(
                        new BigDecimal("24.5"), new BigDecimal("19.90"), "EUR")).getMap(),
                io.cloudlab.contracts.catalogue.ProductRepriced.class));
        assertEquals(new io.cloudlab.contracts.catalogue.ProductRetired(), io.cloudlab.contracts.Wire.read(
                ProductEventCodec.toJson(new io.cloudlab.inventory.product.domain.ProductEvent.ProductRetired()).getMap(),
                io.cloudlab.contracts.catalogue.ProductRetired.class));
    }

    @Test
    void moneyIsAlwaysWrittenWithTwoDecimals() throws Exception {
        ProductEvent repriced = new ProductRepriced(new BigDecimal("24.5"), new BigDecimal("20"), "EUR");

        assertEquals(JSON.readTree("""
                        {"price":"24.50","previous_price":"20.00","currency":"EUR"}"""),
                JSON.readTree(ProductEventCodec.toJson(repriced).encode()));
    }
}
