package io.cloudlab.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Injection text, absurd numbers, bad dates and cursors in every query parameter the OpenAPI documents list,
 * as each kind of caller: never a 5xx, a refusal is problem+json, and a stranger's or neighbour's answer never
 * holds a row of the shopper's (its order ids never appear in their answers).
 */
class QueryAttacks {

    static final List<OpenApiBodies.Query> QUERIES = OpenApiBodies.queries();
    static final List<String> VALUES;

    static {
        List<String> values = new ArrayList<>(HostileBodyAttacks.INJECTIONS);
        values.addAll(List.of("0", "99999999999999999999", "2026-13-45", "abc", "%", "*", "not-a-uuid", Platform.SHOPPER_ID));
        VALUES = List.copyOf(values);
    }

    record Attack(OpenApiBodies.Query query, String parameter, String value, String token, String caller) {
        String path() {
            return query.path() + "?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return query + " as " + caller + " with " + parameter + "=" + (value.length() > 30 ? value.substring(0, 30) + "..." : value);
        }
    }

    @Provide
    Arbitrary<Attack> attacks() {
        return Arbitraries.of(QUERIES).flatMap(q -> Arbitraries.of(q.parameters()).flatMap(name -> Arbitraries.of(VALUES)
                .flatMap(value -> Arbitraries.of(0, 1, 2, 3).map(who -> switch (who) {
                    case 0 -> new Attack(q, name, value, Platform.SHOPPER, "shopper");
                    case 1 -> new Attack(q, name, value, Platform.NEIGHBOUR, "neighbour");
                    case 2 -> new Attack(q, name, value, Platform.STRANGER, "another tenant's customer");
                    default -> new Attack(q, name, value, Platform.ADMIN, "admin");
                }))));
    }

    @Property(tries = 150)
    void aHostileQueryNeverGetsA5xxNorAnotherCallersRows(@ForAll("attacks") Attack attack) {
        Platform.Answer answer = Platform.send(attack.query().service(), "GET", attack.path(), attack.token(), null, Map.of());
        assertTrue(answer.status() < 500, attack + " answered " + answer.status() + ": " + answer.body());
        if (answer.status() >= 400 && !answer.isProtocolRefusal()) {
            assertTrue(answer.isProblem(), attack + " answered " + answer.status() + " as " + answer.contentType());
        }
        // Rows leak through answers; a refusal only echoes the path that was asked for (its "instance").
        if (answer.status() >= 300) return;
        if (!"shopper".equals(attack.caller()) && !"admin".equals(attack.caller())) {
            assertTrue(!answer.body().contains(Platform.ORDER.toString()),
                    attack + " showed the shopper's order " + Platform.ORDER + ": " + answer.body());
        }
        if ("another tenant's customer".equals(attack.caller())) {
            assertTrue(!answer.body().contains(Platform.PRODUCT.toString()),
                    attack + " showed a product of another tenant: " + answer.body());
        }
    }
}
