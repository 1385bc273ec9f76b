package io.cloudlab.contracts.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Require;

/** The product's name (and description, which no other service reads) changed. */
public record ProductUpdated(@JsonProperty("name") String name) implements ProductEvent {

    public ProductUpdated {
        Require.text(name, "name");
    }
}
