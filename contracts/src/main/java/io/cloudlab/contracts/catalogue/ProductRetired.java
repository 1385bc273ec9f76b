package io.cloudlab.contracts.catalogue;

/** The product can no longer be ordered. */
public record ProductRetired() implements ProductEvent {}
