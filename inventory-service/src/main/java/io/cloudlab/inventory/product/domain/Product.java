package io.cloudlab.inventory.product.domain;

import io.cloudlab.eventstore.decider.Decider;
import io.cloudlab.inventory.product.domain.ProductCommand.CommitStock;
import io.cloudlab.inventory.product.domain.ProductCommand.CreateProduct;
import io.cloudlab.inventory.product.domain.ProductCommand.ReleaseStock;
import io.cloudlab.inventory.product.domain.ProductCommand.RepriceProduct;
import io.cloudlab.inventory.product.domain.ProductCommand.ReserveStock;
import io.cloudlab.inventory.product.domain.ProductCommand.RestockProduct;
import io.cloudlab.inventory.product.domain.ProductCommand.ReturnStock;
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
import io.cloudlab.inventory.product.domain.ProductEvent.UnitsReturned;
import java.util.List;
import java.util.UUID;

/**
 * The Product aggregate: catalogue data and stock levels of one product. {@link #decide} checks a command
 * against the state and answers the events it causes (none when the command changes nothing), or throws a
 * refusal ({@link InvalidProductData}, {@link ProductNotActive}, {@link InsufficientStock},
 * {@link ProductAlreadyExists}); {@link #evolve} is the state an event leaves. One decider per stream
 * ({@link #of}): the product id is the stream's, no event carries it, and the refusals name it.
 */
public final class Product implements Decider<ProductCommand, ProductEvent, ProductState> {

    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 5000;
    public static final int MAX_QUANTITY = 1_000_000;
    /** Keeps available + reserved far from int overflow whatever the restocks add up to. */
    public static final int MAX_STOCK = 1_000_000_000;

    private final UUID id;

    private Product(UUID id) {
        this.id = id;
    }

    /** The decider of product {@code id}'s stream. */
    public static Product of(UUID id) {
        return new Product(id);
    }

    @Override
    public ProductState initial() {
        return ProductState.unborn(id);
    }

    @Override
    public List<ProductEvent> decide(ProductCommand command, ProductState state) {
        if (command instanceof CreateProduct c) return create(c, state);
        if (!state.exists()) throw new IllegalStateException("product " + state.id() + " does not exist");
        if (command instanceof UpdateProduct c) return update(c, state);
        if (command instanceof RepriceProduct c) return reprice(c, state);
        if (command instanceof RestockProduct c) return restock(c, state);
        if (command instanceof RetireProduct) return retire(state);
        if (command instanceof ReserveStock c) return reserve(c, state);
        if (command instanceof ReleaseStock c) return release(c, state);
        if (command instanceof CommitStock c) return commit(c, state);
        if (command instanceof ReturnStock c) return giveBack(c, state);
        throw new IllegalArgumentException("unknown command " + command);
    }

    private static List<ProductEvent> create(CreateProduct c, ProductState state) {
        if (state.exists()) throw new ProductAlreadyExists(state.id());
        if (c.vendorId() == null) throw new InvalidProductData("vendor_id", "is required");
        requireQuantity("initial_stock", c.initialStock(), 0);
        return List.of(new ProductCreated(c.vendorId(), name(c.name()), description(c.description()),
                c.price().amount(), c.price().currency(), c.initialStock()));
    }

    private static List<ProductEvent> update(UpdateProduct c, ProductState state) {
        requireActive(state);
        String name = name(c.name());
        String description = description(c.description());
        if (name.equals(state.name()) && description.equals(state.description())) return List.of();
        return List.of(new ProductUpdated(name, description));
    }

    private static List<ProductEvent> reprice(RepriceProduct c, ProductState state) {
        requireActive(state);
        Price next = state.price().withAmount(c.price());
        if (next.equals(state.price())) return List.of();
        return List.of(new ProductRepriced(next.amount(), state.price().amount(), next.currency()));
    }

    private static List<ProductEvent> restock(RestockProduct c, ProductState state) {
        requireActive(state);
        requireQuantity("quantity", c.quantity(), 1);
        if ((long) state.available() + state.reserved() + c.quantity() > MAX_STOCK) {
            throw new InvalidProductData("quantity", "would take the stock above " + MAX_STOCK + " units");
        }
        return List.of(new StockRestocked(c.quantity(), state.available() + c.quantity()));
    }

    /** Retiring twice changes nothing: the second answer is the same product. */
    private static List<ProductEvent> retire(ProductState state) {
        return state.isActive() ? List.of(new ProductRetired()) : List.of();
    }

    private static List<ProductEvent> reserve(ReserveStock c, ProductState state) {
        requireActive(state);
        requireQuantity("quantity", c.quantity(), 1);
        if (state.available() < c.quantity()) throw new InsufficientStock(state.id(), c.quantity(), state.available());
        return List.of(new StockReserved(c.orderId(), c.quantity(), state.available() - c.quantity(),
                state.reserved() + c.quantity(), c.expiresAt()));
    }

    /** Allowed on a retired product too: units held for an order must always be given back. */
    private static List<ProductEvent> release(ReleaseStock c, ProductState state) {
        requireHeld(c.quantity(), state);
        return List.of(new StockReleased(c.orderId(), c.quantity(), c.reason(), state.available() + c.quantity(),
                state.reserved() - c.quantity()));
    }

    /**
     * Allowed on a retired product too: what an order bought always comes back when the order is undone.
     * Nothing here knows what the order bought: the reservation it was sold under does.
     */
    private static List<ProductEvent> giveBack(ReturnStock c, ProductState state) {
        requireQuantity("quantity", c.quantity(), 1);
        if ((long) state.available() + state.reserved() + c.quantity() > MAX_STOCK) {
            throw new InvalidProductData("quantity", "would take the stock above " + MAX_STOCK + " units");
        }
        return List.of(new UnitsReturned(c.orderId(), c.quantity(), state.available() + c.quantity()));
    }

    /** Allowed on a retired product too: an order placed before retirement is still delivered. */
    private static List<ProductEvent> commit(CommitStock c, ProductState state) {
        requireHeld(c.quantity(), state);
        return List.of(new StockCommitted(c.orderId(), c.quantity(), state.reserved() - c.quantity()));
    }

    @Override
    public ProductState evolve(ProductState s, ProductEvent event) {
        int v = s.version() + 1;
        if (event instanceof ProductCreated e) {
            return new ProductState(s.id(), e.vendorId(), e.name(), e.description(),
                    new Price(e.price(), e.currency()), ProductStatus.ACTIVE, e.initialStock(), 0, v);
        }
        if (event instanceof ProductUpdated e) {
            return new ProductState(s.id(), s.vendorId(), e.name(), e.description(), s.price(), s.status(),
                    s.available(), s.reserved(), v);
        }
        if (event instanceof ProductRepriced e) {
            return new ProductState(s.id(), s.vendorId(), s.name(), s.description(),
                    new Price(e.price(), e.currency()), s.status(), s.available(), s.reserved(), v);
        }
        if (event instanceof ProductRetired) {
            return new ProductState(s.id(), s.vendorId(), s.name(), s.description(), s.price(),
                    ProductStatus.RETIRED, s.available(), s.reserved(), v);
        }
        if (event instanceof StockRestocked e) return withStock(s, s.available() + e.quantity(), s.reserved(), v);
        if (event instanceof StockReserved e) {
            return withStock(s, s.available() - e.quantity(), s.reserved() + e.quantity(), v);
        }
        if (event instanceof StockReleased e) {
            return withStock(s, s.available() + e.quantity(), s.reserved() - e.quantity(), v);
        }
        if (event instanceof StockCommitted e) return withStock(s, s.available(), s.reserved() - e.quantity(), v);
        if (event instanceof UnitsReturned e) return withStock(s, s.available() + e.quantity(), s.reserved(), v);
        throw new IllegalArgumentException("unknown event " + event);
    }

    private static ProductState withStock(ProductState s, int available, int reserved, int version) {
        return new ProductState(s.id(), s.vendorId(), s.name(), s.description(), s.price(), s.status(),
                available, reserved, version);
    }

    private static void requireActive(ProductState state) {
        if (!state.isActive()) throw new ProductNotActive(state.id());
    }

    private static void requireHeld(int quantity, ProductState state) {
        requireQuantity("quantity", quantity, 1);
        if (state.reserved() < quantity) {
            // Only a reservation row that disagrees with the stock level gets here: a bug, not a client error.
            throw new IllegalStateException("product " + state.id() + " holds " + state.reserved()
                    + " reserved units, cannot give back " + quantity);
        }
    }

    private static void requireQuantity(String field, int quantity, int min) {
        if (quantity < min || quantity > MAX_QUANTITY) {
            throw new InvalidProductData(field, "must be between " + min + " and " + MAX_QUANTITY);
        }
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) throw new InvalidProductData("name", "must not be blank");
        if (name.length() > MAX_NAME) throw new InvalidProductData("name", "must be at most " + MAX_NAME + " characters");
        return withoutNul("name", name);
    }

    private static String description(String description) {
        String text = description == null ? "" : description;
        if (text.length() > MAX_DESCRIPTION) {
            throw new InvalidProductData("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return withoutNul("description", text);
    }

    /** PostgreSQL text and jsonb cannot hold U+0000: refused here, it would otherwise fail as a 500 at the insert. */
    private static String withoutNul(String field, String text) {
        if (text.indexOf(0) >= 0) throw new InvalidProductData(field, "must not contain the NUL character");
        return text;
    }
}
