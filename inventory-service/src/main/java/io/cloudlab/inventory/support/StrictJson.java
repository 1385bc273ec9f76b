package io.cloudlab.inventory.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Jackson's defaults read 1.5 as the quantity 1 and "12" as the number 12: a client's bug would reserve a
 * different quantity than it meant. Quantities must be JSON integers, and nothing is coerced between types.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }

    @Override
    public int priority() {
        // After the platform's customizers (default priority 0): this one only narrows.
        return MINIMUM_PRIORITY;
    }
}
