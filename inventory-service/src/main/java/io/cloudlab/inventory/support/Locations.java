package io.cloudlab.inventory.support;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;

/**
 * IdempotentCommands replays a 201 with its stored status and body but without its headers, so a client
 * retrying a create would get no Location. This puts it back from the id in the replayed body.
 */
public final class Locations {

    private Locations() {}

    public static Response restore(Response response, String base, String idField) {
        if (response.getStatus() != 201 || response.getHeaderString(HttpHeaders.LOCATION) != null) return response;
        if (!(response.getEntity() instanceof Map<?, ?> body) || body.get(idField) == null) return response;
        return Response.fromResponse(response).location(URI.create(base + body.get(idField))).build();
    }
}
