package io.cloudlab.readmodels.clickhouse;

import io.vertx.core.json.JsonObject;

/**
 * One row an event adds to a fact table, in the table's column names (JSONEachRow: timestamps as ISO text,
 * money as JSON numbers, which is what ClickHouse 18.16 reads into Decimal).
 *
 * @param table the table's base name, e.g. {@code order_facts}; the engine writes it into the serving version
 */
public record FactRow(String table, JsonObject row) {}
