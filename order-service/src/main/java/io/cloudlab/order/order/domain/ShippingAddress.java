package io.cloudlab.order.order.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the order goes. Personal data: stored encrypted under the customer's key (crypto-shredding). */
public record ShippingAddress(
        @JsonProperty("recipient") String recipient,
        @JsonProperty("line1") String line1,
        @JsonProperty("line2") String line2,
        @JsonProperty("city") String city,
        @JsonProperty("postal_code") String postalCode,
        @JsonProperty("country") String country) {}
