package io.cloudlab.inventory.product.api;

import io.cloudlab.support.observability.Traceparent;
import static io.cloudlab.support.security.Caller.ADMIN;
import static io.cloudlab.support.security.Caller.CUSTOMER;
import static io.cloudlab.support.security.Caller.SUPPORT;
import static io.cloudlab.support.security.Caller.VENDOR;

import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.inventory.product.domain.Price;
import io.cloudlab.inventory.product.domain.ProductCommand;
import io.cloudlab.inventory.product.domain.ProductState;
import io.cloudlab.inventory.product.store.PageCursor;
import io.cloudlab.inventory.product.store.ProductRecord;
import io.cloudlab.inventory.product.store.ProductRepository;
import io.cloudlab.inventory.product.store.CataloguePages;
import io.cloudlab.inventory.product.store.ProductSearch;
import io.cloudlab.inventory.product.view.ProductVersion;
import io.cloudlab.inventory.product.view.ProductViews;
import io.cloudlab.support.metrics.CommandMetrics;
import io.cloudlab.readmodels.redis.Tier;
import io.cloudlab.readmodels.redis.Tiered;
import io.cloudlab.support.idempotency.IdempotentCommands;
import io.cloudlab.support.problem.Problem;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The catalogue: staff maintain products, every signed-in role of the tenant browses and searches them. */
@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Products")
public class ProductResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_QUERY = 200;

    @Inject
    Caller caller;

    @Inject
    IdempotentCommands commands;

    @Inject
    ProductRepository products;

    @Inject
    ProductSearch search;

    @Inject
    CataloguePages pages;

    @Inject
    CommandMetrics metrics;

    @Inject
    ProductViews views;

    @POST
    @RolesAllowed({ADMIN, VENDOR})
    @Operation(summary = "Create a product with its initial stock; the caller is its vendor")
    @APIResponse(responseCode = "201", description = "Created; Location names the product",
            content = @Content(schema = @Schema(implementation = ProductResponses.Product.class)))
    @APIResponse(responseCode = "400", description = "Invalid input or missing Idempotency-Key",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Not admin or vendor", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> create(
            @Parameter(required = true, example = "7d6f8a1e-create-chair-1") @HeaderParam(IdempotentCommands.HEADER) String key,
            @HeaderParam("traceparent") String traceparent,
            @Valid @NotNull ProductRequests.CreateProduct body) {
        return metrics.timed("create_product", () -> commands.run(caller, "POST /products", key, body, keyed -> {
            // Ids derived from the key: a retry after a lost answer names the same product and the same events.
            UUID productId = keyed.eventId(0);
            var command = new ProductCommand.CreateProduct(vendorId(), body.name(), body.description(),
                    Price.of(body.price(), body.currency()), body.initialStock());
            return products.create(metadata(traceparent), productId, command, i -> keyed.eventId(i + 1))
                    .map(created -> written(Response.created(URI.create("/products/" + productId)), created));
        }));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({CUSTOMER, VENDOR, ADMIN, SUPPORT})
    @Operation(summary = "A product of the caller's tenant, active or retired",
            description = "Read from the product-cards view (X-Read-Tier: memory, redis or postgres). Pass a product"
                    + " command's X-Consistency-Token back (header or after) to read at least what it wrote.")
    @APIResponse(responseCode = "200", description = "The product; X-Read-Tier says which tier answered",
            content = @Content(schema = @Schema(implementation = ProductResponses.Product.class)))
    @APIResponse(responseCode = "400", description = "after is not a consistency token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such product in this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> get(@PathParam("id") UUID id, @HeaderParam(ProductVersion.HEADER) String token,
            @Parameter(description = "a consistency token a product command answered: read at least what it wrote")
            @QueryParam("after") String after) {
        return views.card(caller.tenantId(), id, ProductVersion.fromRead(token, after))
                .map(read -> tiered(read, ProductResponses.Product::of, id));
    }

    @GET
    @Path("/{id}/stock")
    @RolesAllowed({CUSTOMER, VENDOR, ADMIN, SUPPORT})
    @Operation(summary = "Units available to reserve and units held by reservations",
            description = "Read from the product-availability view (X-Read-Tier: memory, redis or postgres); after as for the product.")
    @APIResponse(responseCode = "200", description = "The figures; X-Read-Tier says which tier answered",
            content = @Content(schema = @Schema(implementation = ProductResponses.Stock.class)))
    @APIResponse(responseCode = "400", description = "after is not a consistency token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such product in this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> stock(@PathParam("id") UUID id, @HeaderParam(ProductVersion.HEADER) String token,
            @Parameter(description = "a consistency token a product command answered: read at least what it wrote")
            @QueryParam("after") String after) {
        return views.availability(caller.tenantId(), id, ProductVersion.fromRead(token, after))
                .map(read -> tiered(read, ProductResponses.Stock::of, id));
    }

    @GET
    @RolesAllowed({CUSTOMER, VENDOR, ADMIN, SUPPORT})
    @Operation(summary = "Browse active products newest first, or search them by words (best matches first)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProductResponses.Page.class)))
    @APIResponse(responseCode = "400", description = "Bad q, cursor or limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<ProductResponses.Page> list(
            @Parameter(description = "Web-search style query: words, \"a phrase\", -excluded, or", example = "oak chair")
            @QueryParam("q") String q,
            @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100 (larger values are capped)", example = "20",
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20")) @QueryParam("limit") String limit) {
        int size = limit(limit);
        boolean searching = q != null && !q.isBlank();
        if (searching && (q.length() > MAX_QUERY || q.indexOf(0) >= 0)) {
            throw ProblemException.badRequest("q", "must be at most " + MAX_QUERY + " characters of text");
        }
        PageCursor after = cursor(cursor, searching ? PageCursor.Kind.SEARCH : PageCursor.Kind.BROWSE);
        UUID tenant = caller.tenantId();
        Supplier<Uni<ProductSearch.Page>> read = () -> searching ? search.search(tenant, q, after, size) : search.browse(tenant, after, size);
        return (caller.isStaff() ? read.get() : pages.page(tenant, searching ? q : null, after, size, read))
                .map(ProductResponses.Page::of);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({ADMIN, VENDOR})
    @Operation(summary = "Change name and description")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProductResponses.Product.class)))
    @APIResponse(responseCode = "422", description = "The product is retired", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> update(@PathParam("id") UUID id, @HeaderParam(IdempotentCommands.HEADER) String key,
            @HeaderParam("traceparent") String traceparent, @Valid @NotNull ProductRequests.UpdateProduct body) {
        return change("update_product", "PUT /products/{id}", id, key, traceparent, body,
                new ProductCommand.UpdateProduct(body.name(), body.description()));
    }

    @POST
    @Path("/{id}/reprice")
    @RolesAllowed({ADMIN, VENDOR})
    @Operation(summary = "Set a new unit price (same currency)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProductResponses.Product.class)))
    @APIResponse(responseCode = "422", description = "The product is retired", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> reprice(@PathParam("id") UUID id, @HeaderParam(IdempotentCommands.HEADER) String key,
            @HeaderParam("traceparent") String traceparent, @Valid @NotNull ProductRequests.RepriceProduct body) {
        return change("reprice_product", "POST /products/{id}/reprice", id, key, traceparent, body,
                new ProductCommand.RepriceProduct(new BigDecimal(body.price())));
    }

    @POST
    @Path("/{id}/restock")
    @RolesAllowed({ADMIN, VENDOR})
    @Operation(summary = "Add units to the available stock")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProductResponses.Product.class)))
    @APIResponse(responseCode = "422", description = "The product is retired", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> restock(@PathParam("id") UUID id, @HeaderParam(IdempotentCommands.HEADER) String key,
            @HeaderParam("traceparent") String traceparent, @Valid @NotNull ProductRequests.RestockProduct body) {
        return change("restock_product", "POST /products/{id}/restock", id, key, traceparent, body,
                new ProductCommand.RestockProduct(body.quantity()));
    }

    @POST
    @Path("/{id}/retire")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ADMIN, VENDOR})
    @Operation(summary = "Stop selling the product (it leaves the catalogue; held reservations can still be committed)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProductResponses.Product.class)))
    public Uni<Response> retire(@PathParam("id") UUID id, @HeaderParam(IdempotentCommands.HEADER) String key,
            @HeaderParam("traceparent") String traceparent) {
        return change("retire_product", "POST /products/{id}/retire", id, key, traceparent, Map.of(),
                new ProductCommand.RetireProduct());
    }

    private Uni<Response> change(String name, String endpoint, UUID id, String key, String traceparent, Object body,
            ProductCommand command) {
        Map<String, Object> request = Map.of("product_id", id, "body", body);
        return metrics.timed(name, () -> commands.run(caller, endpoint, key, request, keyed ->
                products.change(metadata(traceparent), id, command, ownProductsOnly(), keyed::eventId)
                        .map(changed -> written(Response.ok(), changed))));
    }

    /** Vendors change their own products only; admins change any product of their tenant. */
    private Consumer<ProductState> ownProductsOnly() {
        return product -> {
            if (!caller.is(ADMIN) && !product.vendorId().toString().equals(caller.userId())) {
                throw new ProblemException(Problem.of(403, "not-your-product", "Forbidden",
                        "vendors may change only their own products"));
            }
        };
    }

    /** A command's answer: the product, and the token a read passes to see at least this write. */
    private static Response written(Response.ResponseBuilder response, ProductRecord product) {
        return response.entity(ProductResponses.Product.of(product))
                .header(ProductVersion.HEADER, new ProductVersion(product.state().id(), product.state().version())).build();
    }

    /** A read's answer with the tier that gave it; none is a 404, as for an unknown id or another tenant's product. */
    private static <T> Response tiered(Tiered<T> read, Function<T, Object> body, UUID id) {
        if (read.value() == null) throw ProblemException.notFound("product " + id);
        return Response.ok(body.apply(read.value())).header(Tier.HEADER, read.tier().toString()).build();
    }

    /** Vendor ids are the platform's user ids, which are UUIDs (deploy/local/token issues them so). */
    private UUID vendorId() {
        try {
            return UUID.fromString(caller.userId());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(Problem.of(403, "not-a-vendor", "Forbidden",
                    "the token's subject is not a user id, so it cannot own products"));
        }
    }

    private EventMetadata metadata(String traceparent) {
        return EventMetadata.forTenant(caller.tenantId()).byUser(caller.userId()).tracedBy(Traceparent.current(traceparent));
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) return DEFAULT_LIMIT;
        try {
            int value = Integer.parseInt(limit.trim());
            if (value < 1) throw ProblemException.badRequest("limit", "limit must be at least 1");
            return Math.min(value, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
        }
    }

    private static PageCursor cursor(String cursor, PageCursor.Kind expected) {
        if (cursor == null || cursor.isBlank()) return null;
        return PageCursor.decode(cursor.trim()).filter(c -> c.kind() == expected)
                .orElseThrow(() -> ProblemException.badRequest("cursor",
                        "cursor is not a next_cursor of this listing (a search cursor only continues the same kind of listing)"));
    }
}
