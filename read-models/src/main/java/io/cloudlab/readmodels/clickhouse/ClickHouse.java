package io.cloudlab.readmodels.clickhouse;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A small client of ClickHouse's HTTP interface on Vert.x's HTTP client: statements in, JSONEachRow out.
 *
 * <p>Why not a ClickHouse Java client: the ones Maven Central offers here need a zstd-jni jar that is missing,
 * and speak a protocol newer than the 18.16 server this platform runs (docs/read-models.md). The HTTP
 * interface is stable across versions. What 18.16 needs from a client is set on every call: timestamps in ISO
 * form are accepted ({@code date_time_input_format=best_effort}), extra keys of a row are ignored (a fact row
 * may carry columns a table does not have), and 64-bit integers come back as JSON numbers.
 *
 * <p>18.16 has no query parameters: values are written into statements with {@link #literal(String)}, and
 * callers only ever write values they have parsed themselves (UUIDs, dates, numbers) or literal-quoted text.
 */
@ApplicationScoped
public class ClickHouse {

    private static final String SETTINGS = "date_time_input_format=best_effort&input_format_skip_unknown_fields=1"
            + "&output_format_json_quote_64bit_integers=0";

    private final HttpClient http;
    private final ClickHouseConfig config;
    private final URI base;
    private final String authorization;

    ClickHouse(Vertx vertx, ClickHouseConfig config) {
        this.config = config;
        this.base = URI.create(config.url());
        HttpClientOptions options = new HttpClientOptions().setMaxPoolSize(4).setKeepAlive(true);
        if ("https".equals(base.getScheme())) {
            // Verify the server's name as well as its chain: an https URL is there to know who answers.
            options.setSsl(true).setVerifyHost(true);
            config.trustCertificatePem().ifPresent(ca -> options.setPemTrustOptions(new io.vertx.core.net.PemTrustOptions().addCertPath(ca)));
        }
        this.http = vertx.createHttpClient(options);
        this.authorization = config.user().map(user -> "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + config.password().orElse("")).getBytes(StandardCharsets.UTF_8))).orElse(null);
    }

    /** The database every statement runs in (the statement may still name another). */
    public String database() {
        return config.database();
    }

    /** Creates the configured database unless it exists: the one statement that must run outside it. */
    public Uni<Void> createDatabase() {
        return send(null, "CREATE DATABASE IF NOT EXISTS " + identifier(config.database()), null).replaceWithVoid();
    }

    /** Runs one statement (DDL, ALTER, INSERT ... SELECT) in the configured database. */
    public Uni<Void> execute(String sql) {
        return send(config.database(), sql, null).replaceWithVoid();
    }

    /** Runs one SELECT and answers its rows (the statement must not name a format). */
    public Uni<List<JsonObject>> select(String sql) {
        return send(config.database(), sql + "\nFORMAT JSONEachRow", null).map(ClickHouse::rows);
    }

    /** Same rows as {@link #select}, as the server rendered each one: for comparing rows exactly as stored. */
    public Uni<List<String>> selectLines(String sql) {
        return send(config.database(), sql + "\nFORMAT JSONEachRow", null)
                .map(body -> body.lines().filter(line -> !line.isBlank()).toList());
    }

    /**
     * Inserts rows in one request, so in one part (ClickHouse makes a part per INSERT: callers batch). A block
     * this size is inserted atomically: all rows or none.
     */
    public Uni<Void> insert(String table, List<JsonObject> rows) {
        if (rows.isEmpty()) return Uni.createFrom().voidItem();
        StringBuilder body = new StringBuilder(rows.size() * 256);
        for (JsonObject row : rows) body.append(row.encode()).append('\n');
        return send(config.database(), "INSERT INTO " + identifier(table) + " FORMAT JSONEachRow", body.toString())
                .replaceWithVoid();
    }

    /** A string literal: quotes and backslashes escaped, as ClickHouse reads them. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A table or database name; only plain names are accepted (they are ours, never a caller's). */
    public static String identifier(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("not a plain name: " + name);
        return name;
    }

    /**
     * Sends the statement in the URL when there is a body (INSERT ... FORMAT with its rows), else as the body
     * (no URL length limit for long SELECTs).
     */
    private Uni<String> send(String database, String sql, String data) {
        StringBuilder uri = new StringBuilder(base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath())
                .append('?').append(SETTINGS);
        if (database != null) uri.append("&database=").append(encode(database));
        String payload = sql;
        if (data != null) {
            uri.append("&query=").append(encode(sql));
            payload = data;
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80))
                .setURI(uri.toString()).setIdleTimeout(config.timeout().toMillis());
        if (authorization != null) request.putHeader("Authorization", authorization);
        String sent = payload;
        return http.request(request)
                .chain(r -> r.send(Buffer.buffer(sent)))
                .chain(response -> response.body().map(body -> {
                    String text = body.toString(StandardCharsets.UTF_8);
                    if (response.statusCode() != 200) {
                        throw new ClickHouseException(response.statusCode(), "ClickHouse answered " + response.statusCode()
                                + " to " + abbreviate(sql) + ": " + text.strip(), null);
                    }
                    return text;
                }))
                .onFailure(failure -> !(failure instanceof ClickHouseException))
                .transform(failure -> new ClickHouseException(0, "ClickHouse at " + base + " unreachable: " + failure, failure));
    }

    private static List<JsonObject> rows(String body) {
        List<JsonObject> rows = new ArrayList<>();
        body.lines().filter(line -> !line.isBlank()).forEach(line -> rows.add(new JsonObject(line)));
        return rows;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ").strip();
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }
}
