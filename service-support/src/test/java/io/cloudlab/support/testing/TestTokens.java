package io.cloudlab.support.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Signs tokens for tests the way the platform's issuer does (RS256, the key deploy/local/up generated),
 * and the hostile variants a test needs: expired, signed by another key, unsigned (alg none), no tenant.
 */
public final class TestTokens {

    public static final String ISSUER = System.getenv().getOrDefault("JWT_ISSUER", "https://auth.cloudlab.local");
    private static final Path KEY = Path.of(System.getProperty("user.home"), ".cloudlab", "jwt", "private.pem");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {}

    /** The services a token names by default (aud): all four, as a storefront session is issued. */
    public static final List<String> PLATFORM = List.of("order-service", "inventory-service", "payment-service", "saga-orchestrator");

    public static String token(UUID tenant, String user, String... roles) {
        return sign(claims(tenant, user, Instant.now().plusSeconds(3600), PLATFORM, roles), platformKey());
    }

    /** A valid token for other services only (or, with none, for no service at all). */
    public static String forAudience(List<String> audience, UUID tenant, String user, String... roles) {
        return sign(claims(tenant, user, Instant.now().plusSeconds(3600), audience, roles), platformKey());
    }

    /** The platform's tenant: where operators' tokens come from. */
    public static final UUID PLATFORM_TENANT = UUID.fromString("00000000-0000-0000-0000-000000000000");

    /** A platform operator: runs what spans every tenant (projections, database health, any tenant's saga). */
    public static String operator() {
        return token(PLATFORM_TENANT, "operator-1", "operator");
    }

    public static String expired(UUID tenant, String user, String... roles) {
        return sign(claims(tenant, user, Instant.now().minusSeconds(600), roles), platformKey());
    }

    /** Well formed and signed, but by a key the platform never issued. */
    public static String forged(UUID tenant, String user, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(claims(tenant, user, Instant.now().plusSeconds(3600), roles),
                    generator.generateKeyPair().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic attack: {"alg":"none"} and no signature. */
    public static String unsigned(UUID tenant, String user, String... roles) {
        String header = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = B64.encodeToString(claims(tenant, user, Instant.now().plusSeconds(3600), roles)
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + body + ".";
    }

    public static String withoutTenant(String user, String... roles) {
        String claims = claims(null, user, Instant.now().plusSeconds(3600), roles);
        return sign(claims, platformKey());
    }

    private static String claims(UUID tenant, String user, Instant expires, String... roles) {
        return claims(tenant, user, expires, PLATFORM, roles);
    }

    private static String claims(UUID tenant, String user, Instant expires, List<String> audience, String... roles) {
        String groups = Stream.of(roles).map(r -> "\"" + r + "\"").collect(Collectors.joining(",", "[", "]"));
        String aud = audience.isEmpty() ? "" : audience.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(",", ",\"aud\":[", "]"));
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + ISSUER + "\"" + aud + ",\"sub\":\"" + user + "\",\"upn\":\"" + user + "\""
                + (tenant == null ? "" : ",\"tenant_id\":\"" + tenant + "\"")
                + ",\"groups\":" + groups + ",\"iat\":" + Math.min(now, expires.getEpochSecond() - 60)
                + ",\"exp\":" + expires.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    }

    private static String sign(String claims, PrivateKey key) {
        try {
            String header = B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String body = B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + B64.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey platformKey() {
        try {
            String pem = Files.readString(KEY).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("no signing key at " + KEY + ": run deploy/local/up first", e);
        }
    }
}
