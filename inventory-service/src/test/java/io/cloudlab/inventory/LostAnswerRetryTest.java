package io.cloudlab.inventory;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The process died after its transaction committed and before it recorded the answer under the
 * Idempotency-Key (simulated: the key's answer is erased and its lease run out). The client's retry runs the
 * command again; its events, whose ids come from the key, are found stored, and nothing is applied twice.
 */
@QuarkusTest
class LostAnswerRetryTest extends InventoryTestBase {

    private void loseTheAnswer(String key) {
        execute("UPDATE event_store.idempotency_keys SET response_status = NULL, response_body = NULL,"
                + " locked_until = now() - interval '1 second' WHERE idempotency_key = $1", Tuple.of(key));
    }

    @Test
    void aRetriedCreateAnswersTheProductItCreatedAndCreatesNoOther() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = product("Crash-proof mug", "", "8.00", 9);
        String first = as(vendor()).header("Idempotency-Key", key).body(body).when().post("/products")
                .then().statusCode(201).extract().path("product_id");
        Map<String, Long> before = footprint();
        loseTheAnswer(key);

        as(vendor()).header("Idempotency-Key", key).body(body).when().post("/products")
                .then().statusCode(201).body("product_id", is(first)).body("version", is(1));

        assertEquals(before, footprint());
    }

    @Test
    void aRetriedRestockDoesNotAddTheUnitsTwice() {
        UUID id = create("Crash-proof bowl", 5);
        String key = UUID.randomUUID().toString();
        as(vendor()).header("Idempotency-Key", key).body(Map.of("quantity", 4)).when().post("/products/" + id + "/restock")
                .then().statusCode(200).body("version", is(2));
        loseTheAnswer(key);

        as(vendor()).header("Idempotency-Key", key).body(Map.of("quantity", 4)).when().post("/products/" + id + "/restock")
                .then().statusCode(200).body("version", is(2));

        assertArrayEquals(new int[] {9, 0}, stock(id));
    }

    @Test
    void aRetriedReservationDoesNotReserveTwice() {
        UUID id = create("Crash-proof plate", 5);
        String key = UUID.randomUUID().toString();
        UUID order = UUID.randomUUID();
        Map<String, Object> body = Map.of("order_id", order.toString(),
                "lines", List.of(Map.of("product_id", id.toString(), "quantity", 2)));
        as(admin()).header("Idempotency-Key", key).body(body).when().post("/reservations").then().statusCode(201);
        loseTheAnswer(key);

        as(admin()).header("Idempotency-Key", key).body(body).when().post("/reservations")
                .then().statusCode(201).body("order_id", is(order.toString())).body("status", is("active"));

        assertArrayEquals(new int[] {3, 2}, stock(id));
    }
}
