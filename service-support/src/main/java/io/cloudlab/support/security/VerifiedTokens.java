package io.cloudlab.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer-token verifier every service uses: SmallRye JWT's own parser, remembering for a short while the
 * tokens it has already verified.
 *
 * <p>Why: a storefront client sends the same token with every request, and verifying it again each time (RS256
 * signature, base64 and JSON parsing of the JOSE parts) is a large share of the CPU of a {@code GET
 * /orders/{id}} answered from Redis (JFR; docs/performance.md). A remembered token is keyed by its whole
 * compact form, signature included, so a token that differs in any byte is verified from scratch; only tokens
 * that passed are kept, so a stream of bad tokens costs what it always did; and one is kept for at most
 * {@link #REMEMBER_FOR}, never past its own expiry (checked again on each use, since the cache evicts lazily).
 * What this gives up: a token revoked by rotating the verification key keeps working for up to that long in a
 * running instance, which is shorter than a token's own lifetime anyway.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    static final Duration REMEMBER_FOR = Duration.ofSeconds(60);
    private static final int MAX_TOKENS = 20_000;

    private final JWTParser verifier;
    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfter(new UntilExpiry())
            .build();

    VerifiedTokens(JWTAuthContextInfo context, JWTCallerPrincipalFactory principals) {
        this.verifier = new DefaultJWTParser(context, principals);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && !expired(known)) return known;
        JsonWebToken fresh = verifier.parse(token);
        verified.put(token, fresh);
        return fresh;
    }

    /**
     * The token an {@code Authorization: Bearer ...} header carries, if it verifies; empty for no header, another
     * scheme or a token that does not verify. For what runs before authentication (the rate limit, the audit of
     * refusals) and needs to know who a request is from.
     */
    public java.util.Optional<JsonWebToken> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return java.util.Optional.empty();
        try {
            return java.util.Optional.of(parse(authorization.substring(7).trim()));
        } catch (ParseException | RuntimeException unverified) {
            return java.util.Optional.empty();
        }
    }

    /** Parses with another context (another key or issuer): never remembered, since the key is the context. */
    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, java.security.PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }

    private static boolean expired(JsonWebToken token) {
        return token.getExpirationTime() * 1000 <= System.currentTimeMillis();
    }

    /** Kept for {@link #REMEMBER_FOR} or until the token's own {@code exp}, whichever comes first. */
    private static final class UntilExpiry implements Expiry<String, JsonWebToken> {
        @Override
        public long expireAfterCreate(String key, JsonWebToken token, long now) {
            long untilExp = TimeUnit.SECONDS.toNanos(token.getExpirationTime()) - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            return Math.max(0, Math.min(REMEMBER_FOR.toNanos(), untilExp));
        }

        @Override
        public long expireAfterUpdate(String key, JsonWebToken token, long now, long currentDuration) {
            return expireAfterCreate(key, token, now);
        }

        @Override
        public long expireAfterRead(String key, JsonWebToken token, long now, long currentDuration) {
            return currentDuration;
        }
    }
}
