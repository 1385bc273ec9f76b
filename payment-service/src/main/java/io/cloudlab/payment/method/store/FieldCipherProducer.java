package io.cloudlab.payment.method.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The column cipher with the key from {@code cloudlab.payment.encryption-key} (env PAYMENT_ENCRYPTION_KEY). */
@ApplicationScoped
public class FieldCipherProducer {

    @Produces
    @ApplicationScoped
    FieldCipher fieldCipher(@ConfigProperty(name = "cloudlab.payment.encryption-key") String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cloudlab.payment.encryption-key is not valid base64");
        }
        return new FieldCipher(key);
    }
}
