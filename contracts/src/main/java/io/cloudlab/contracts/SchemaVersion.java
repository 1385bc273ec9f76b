package io.cloudlab.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The version of a contract type's shape, stored as the message's {@code schema_version}. A change that an
 * existing reader cannot read (a field removed, renamed or retyped) is a new version, with the old schema kept
 * and an upcaster that lifts old messages; an added field is not. Types without it are version 1.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SchemaVersion {
    int value();
}
