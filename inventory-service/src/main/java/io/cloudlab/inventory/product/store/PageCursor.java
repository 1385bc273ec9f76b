package io.cloudlab.inventory.product.store;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the next page starts: the sort key of the last item shown (keyset pagination), so that pages neither
 * repeat nor skip items when products are added meanwhile, and a deep page costs what the first does. Opaque
 * to clients (base64url); a search cursor carries the rank, a browse cursor the creation time.
 */
public record PageCursor(Kind kind, String sortKey, UUID productId) {

    public enum Kind { BROWSE, SEARCH }

    public static PageCursor browse(OffsetDateTime createdAt, UUID productId) {
        return new PageCursor(Kind.BROWSE, createdAt.toString(), productId);
    }

    public static PageCursor search(float rank, UUID productId) {
        return new PageCursor(Kind.SEARCH, Float.toString(rank), productId);
    }

    public OffsetDateTime createdAt() {
        return OffsetDateTime.parse(sortKey);
    }

    public float rank() {
        return Float.parseFloat(sortKey);
    }

    public String encode() {
        String text = (kind == Kind.BROWSE ? "b" : "s") + "|" + sortKey + "|" + productId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty for anything that is not a cursor this service issued (the edge answers 400 naming "cursor"). */
    public static Optional<PageCursor> decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3) return Optional.empty();
            UUID id = UUID.fromString(parts[2]);
            PageCursor decoded = switch (parts[0]) {
                case "b" -> browse(OffsetDateTime.parse(parts[1]), id);
                case "s" -> search(Float.parseFloat(parts[1]), id);
                default -> null;
            };
            if (decoded != null && decoded.kind == Kind.SEARCH && !Float.isFinite(decoded.rank())) return Optional.empty();
            return Optional.ofNullable(decoded);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
