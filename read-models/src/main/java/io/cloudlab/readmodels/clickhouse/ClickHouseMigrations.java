package io.cloudlab.readmodels.clickhouse;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Versioned migrations of a projection's ClickHouse tables, the way Flyway does it for PostgreSQL (Flyway has
 * no ClickHouse support that works with 18.16): files {@code V<n>__<what>.sql} in a classpath folder, applied in
 * order, each recorded in {@code schema_migrations} with its SHA-256; an applied file that has changed since
 * is refused, never re-run.
 *
 * <p>A projection's tables exist once per table version (a rebuild fills new ones while the old serve), so a
 * migration is a template applied to each version: {@code ${v}} in it is the version number, e.g.
 * {@code CREATE TABLE IF NOT EXISTS order_facts_v${v}}. A file may hold several statements separated by
 * {@code ;} at the end of a line.
 *
 * <p>ClickHouse has no transactions: a crash between a statement and its {@code schema_migrations} row runs the
 * file again at the next start, so statements must be idempotent ({@code IF NOT EXISTS}, {@code IF EXISTS}).
 * Two instances starting together may both run a file; idempotent statements make that harmless too.
 */
final class ClickHouseMigrations {

    static final Pattern FILE = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    /** One migration file. */
    record Migration(int version, String description, String sql, String checksum) {

        List<String> statements(int tableVersion) {
            String withoutComments = sql.lines().filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            return Arrays.stream(withoutComments.replace("${v}", Integer.toString(tableVersion)).split(";\\s*(\\n|$)"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    /** A migration applied earlier whose file differs now: changing history is refused, add a new file. */
    static final class ChangedMigration extends IllegalStateException {
        ChangedMigration(String message) {
            super(message);
        }
    }

    private final ClickHouse clickhouse;
    private final String projection;
    private final List<Migration> migrations;

    ClickHouseMigrations(ClickHouse clickhouse, String projection, String folder) {
        this.clickhouse = clickhouse;
        this.projection = projection;
        this.migrations = load(folder);
        if (migrations.isEmpty()) throw new IllegalStateException("no migrations V<n>__<what>.sql in classpath folder " + folder);
    }

    List<Migration> migrations() {
        return migrations;
    }

    /** Applies what is missing to one table version; fails with {@link ChangedMigration} on a changed file. */
    Uni<Void> migrate(int tableVersion) {
        return clickhouse.select("SELECT version, checksum FROM schema_migrations FINAL WHERE projection = "
                        + ClickHouse.literal(projection) + " AND table_version = " + tableVersion)
                .chain(rows -> {
                    Map<Integer, String> applied = new TreeMap<>();
                    for (JsonObject row : rows) applied.put(row.getInteger("version"), row.getString("checksum"));
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Migration m : migrations) {
                        String checksum = applied.get(m.version());
                        if (checksum != null) {
                            if (!checksum.equals(m.checksum())) {
                                return Uni.createFrom().failure(new ChangedMigration("migration V" + m.version() + "__"
                                        + m.description() + " of " + projection + " was applied to table version "
                                        + tableVersion + " with checksum " + checksum + " and has changed since ("
                                        + m.checksum() + "); add a new migration instead of editing an applied one"));
                            }
                            continue;
                        }
                        chain = chain.chain(() -> apply(m, tableVersion));
                    }
                    return chain;
                });
    }

    private Uni<Void> apply(Migration m, int tableVersion) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String statement : m.statements(tableVersion)) chain = chain.chain(() -> clickhouse.execute(statement));
        return chain.chain(() -> clickhouse.insert("schema_migrations", List.of(new JsonObject()
                .put("projection", projection).put("table_version", tableVersion).put("version", m.version())
                .put("description", m.description()).put("checksum", m.checksum())
                .put("applied_at", Instant.now().toString()))));
    }

    /**
     * The folder's files, from a directory (tests, dev mode) or a jar (a packaged service). Listing a classpath
     * folder is what Flyway's own scanner does; the folder is one the service names, never a caller's.
     */
    static List<Migration> load(String folder) {
        List<Migration> found = new ArrayList<>();
        try {
            Enumeration<URL> roots = Thread.currentThread().getContextClassLoader().getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                for (String name : list(root, folder)) {
                    Matcher file = FILE.matcher(name);
                    if (!file.matches()) continue;
                    String sql = read(folder + "/" + name);
                    found.add(new Migration(Integer.parseInt(file.group(1)), file.group(2), sql, sha256(sql)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list ClickHouse migrations in " + folder, e);
        }
        found.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < found.size(); i++) {
            if (found.get(i).version() == found.get(i - 1).version()) {
                throw new IllegalStateException("two migrations numbered " + found.get(i).version() + " in " + folder);
            }
        }
        return List.copyOf(found);
    }

    private static List<String> list(URL root, String folder) throws IOException {
        if ("file".equals(root.getProtocol())) {
            try (var files = Files.list(Path.of(root.toURI()))) {
                return files.map(p -> p.getFileName().toString()).toList();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        if ("jar".equals(root.getProtocol()) && root.openConnection() instanceof JarURLConnection jar) {
            List<String> names = new ArrayList<>();
            try (JarFile file = new JarFile(jar.getJarFileURL().getPath())) {
                String prefix = folder.endsWith("/") ? folder : folder + "/";
                for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) names.add(name.substring(prefix.length()));
                }
            }
            return names;
        }
        throw new IOException("cannot list " + root + " (neither a directory nor a jar)");
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
