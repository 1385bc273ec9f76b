package io.cloudlab.contracts;

/** Checks a record's constructor makes, so that a message that does not fit never becomes a record. */
public final class Require {

    private Require() {}

    public static <T> T present(T value, String field) {
        if (value == null) throw new IllegalArgumentException(field + " is missing");
        return value;
    }

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(field + " is missing or blank");
        return value;
    }
}
