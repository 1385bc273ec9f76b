package io.cloudlab.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import net.jqwik.api.Example;

/** Oversized bodies and headers, slow clients, and a burst from one client. */
class LimitsAttacks {

    @Example
    void aMegabyteBodyIs413AndAHugeHeaderIsRefusedWithout5xx() {
        String big = "{\"items\":[],\"x\":\"" + "a".repeat(1_000_000) + "\"}";
        Platform.Answer body = Platform.send("order-service", "POST", "/orders", Platform.SHOPPER, big, Map.of());
        assertEquals(413, body.status(), body.body());
        assertTrue(body.isProblem());
        Platform.Answer header = Platform.sendOnce("order-service", "GET", "/orders", Platform.SHOPPER, null,
                Map.of("X-Hostile", "h".repeat(32_000)));
        assertTrue(header.status() >= 400 && header.status() < 500, "a 32 kB header: " + header.status());
    }

    /**
     * Slowloris: clients that send their request a byte at a time keep connections open, but an honest client
     * beside them is answered as usual.
     */
    @Example
    void slowClientsDoNotStarveOthers() throws Exception {
        URI order = URI.create(Platform.SERVICES.get("inventory-service"));
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket(order.getHost(), order.getPort());
                socket.getOutputStream().write("GET /products HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            for (int round = 0; round < 5; round++) {
                for (Socket socket : slow) trickle(socket.getOutputStream());
                // No stopwatch: a starved read would wait for slow clients that never finish their requests while
                // this test runs, so it would hit the 20 s timeout every request has (Platform.sendOnce) and fail.
                // An answer, however slowly a loaded machine gives it, means it was served beside them.
                Platform.Answer honest = Platform.send("inventory-service", "GET", "/products/" + Platform.PRODUCT, Platform.SHOPPER, null, Map.of());
                assertEquals(200, honest.status(), honest.body());
                Platform.sleep(Duration.ofMillis(300));
            }
        } finally {
            for (Socket socket : slow) socket.close();
        }
    }

    private static void trickle(OutputStream out) {
        try {
            out.write('X');
            out.flush();
        } catch (java.io.IOException closedByTheServer) {
            // The server may drop a client that is too slow: that is a fine answer too.
        }
    }

    /**
     * A client that sends a new made-up token with every request earns no fresh allowance: unverified requests
     * count against its address, and are limited like any burst. A verified customer at the same address keeps
     * its own allowance.
     */
    @Example
    void rotatingMadeUpTokensEarnsNoFreshAllowance() throws Exception {
        int limited = 0;
        for (Platform.Answer answer : atOnce(300, i -> {
            String garbage = Platform.withClaims(Platform.SHOPPER, "{\"sub\":\"" + UUID.randomUUID() + "\",\"pad\":\""
                    + "x".repeat(2000) + "\"}");
            return () -> Platform.sendOnce("inventory-service", "GET", "/products/" + Platform.PRODUCT, garbage, null, Map.of());
        })) {
            assertTrue(answer.status() == 401 || answer.status() == 429, "a made-up token answered " + answer.status());
            if (answer.status() == 429) limited++;
        }
        assertTrue(limited > 0, "300 requests, each with a new made-up token, were never limited");
        assertEquals(200, Platform.sendOnce("inventory-service", "GET", "/products/" + Platform.PRODUCT,
                Platform.NEIGHBOUR, null, Map.of()).status(), "a verified customer at the same address is still served");
    }

    /** One client far past its allowance gets 429 with Retry-After (problem+json), then is served again. */
    @Example
    void aBurstFromOneClientIsRateLimitedThenServedAgain() throws Exception {
        int limited = 0;
        long retryAfter = 0;
        for (Platform.Answer answer : atOnce(400, i -> () -> Platform.sendOnce("inventory-service", "GET",
                "/products/" + Platform.PRODUCT, Platform.NEIGHBOUR, null, Map.of()))) {
            assertTrue(answer.status() < 500, "a burst answered " + answer.status());
            if (answer.status() == 429) {
                limited++;
                assertTrue(answer.isProblem(), "429 as problem+json");
                retryAfter = Math.max(retryAfter, answer.raw().headers().firstValueAsLong("Retry-After").orElse(-1));
            } else {
                assertEquals(200, answer.status(), answer.body());
            }
        }
        assertTrue(limited > 0, "400 requests at once from one client were never limited");
        assertTrue(retryAfter >= 1, "429 without a usable Retry-After");
        Platform.sleep(Duration.ofSeconds(retryAfter + 1));
        assertEquals(200, Platform.sendOnce("inventory-service", "GET", "/products/" + Platform.PRODUCT,
                Platform.NEIGHBOUR, null, Map.of()).status(), "served again after Retry-After");
    }

    /**
     * Every request on a thread of its own, released together: far past the allowance at once, however slowly
     * the service answers. A few threads sending one after another would be paced by its answers, and on a slow
     * machine could stay within the allowance and never be limited.
     */
    private static List<Platform.Answer> atOnce(int count, IntFunction<Callable<Platform.Answer>> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Platform.Answer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<Platform.Answer> call = request.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Platform.Answer> answers = new ArrayList<>();
            for (Future<Platform.Answer> future : futures) answers.add(future.get());
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
