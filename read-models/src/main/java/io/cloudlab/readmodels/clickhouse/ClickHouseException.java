package io.cloudlab.readmodels.clickhouse;

/** ClickHouse refused a statement or could not be reached; {@code status} is 0 when no answer came. */
public class ClickHouseException extends RuntimeException {

    private final int status;

    public ClickHouseException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
