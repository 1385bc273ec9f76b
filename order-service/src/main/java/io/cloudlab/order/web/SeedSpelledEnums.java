package io.cloudlab.order.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The domain's enums spell themselves the seed's way in {@code toString()} ("credit_card"), so the REST
 * mapper reads and writes them that way and the domain stays free of Jackson annotations. An unknown value
 * is still a 400 naming the field and listing the allowed values.
 */
@Singleton
public class SeedSpelledEnums implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
        mapper.enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING);
    }
}
