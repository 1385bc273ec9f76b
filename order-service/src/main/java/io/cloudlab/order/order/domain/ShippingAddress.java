package io.cloudlab.order.order.domain;

/** Where the order goes. Personal data: stored encrypted under the customer's key (crypto-shredding). */
public record ShippingAddress(String recipient, String line1, String line2, String city, String postalCode,
        String country) {}
