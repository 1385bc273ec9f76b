package io.cloudlab.eventstore.quarkus;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Connection options for the store's own connections beside the pool (a subscription's LISTEN connection, the
 * relay's): the pool's URL and credentials, and its TLS, read from the same datasource settings, so a
 * deployment that verifies the server's certificate for the pool verifies it here too.
 */
@ApplicationScoped
public class DedicatedConnections {

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String username;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;
    @ConfigProperty(name = "quarkus.datasource.reactive.postgresql.ssl-mode")
    Optional<String> sslMode;
    @ConfigProperty(name = "quarkus.datasource.reactive.trust-certificate-pem.certs")
    Optional<List<String>> trustedCertificates;
    @ConfigProperty(name = "quarkus.datasource.reactive.hostname-verification-algorithm")
    Optional<String> hostnameVerification;

    public PgConnectOptions options() {
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl).setUser(username).setPassword(password);
        sslMode.map(mode -> SslMode.of(mode.toLowerCase(java.util.Locale.ROOT).replace('_', '-'))).ifPresent(options::setSslMode);
        trustedCertificates.filter(certs -> !certs.isEmpty()).ifPresent(certs -> {
            PemTrustOptions trust = new PemTrustOptions();
            certs.forEach(trust::addCertPath);
            options.setPemTrustOptions(trust);
        });
        hostnameVerification.filter(a -> !"NONE".equalsIgnoreCase(a)).ifPresent(options::setHostnameVerificationAlgorithm);
        return options;
    }
}
