package io.cloudlab.console.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Who is signed in, as the token says, for the page header and for what the pages offer (an operator gets a
 * tenant filter). Read without verifying the signature: the console decides nothing with it, every service it
 * calls verifies the token itself and answers only what the token may see.
 */
public record Operator(String token, String subject, String tenantId, List<String> roles) {

    public static final String PLATFORM_TENANT = "00000000-0000-0000-0000-000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Operator of(String token) {
        if (token == null || token.isBlank()) return null;
        String[] parts = token.trim().split("\\.");
        if (parts.length != 3) return null;
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            List<String> roles = new ArrayList<>();
            claims.path("groups").forEach(g -> roles.add(g.asText()));
            return new Operator(token.trim(), claims.path("sub").asText(""), claims.path("tenant_id").asText(""), List.copyOf(roles));
        } catch (Exception notAToken) {
            return null;
        }
    }

    /** A platform operator: sees every tenant's sagas and may filter by tenant. */
    public boolean platform() {
        return roles.contains("operator");
    }

    public String rolesText() {
        return String.join(", ", roles);
    }
}
