package io.cloudlab.order.history;

import java.util.List;

/** A page of orders, newest first; {@code nextCursor} is null on the last page. */
public record OrderPage(List<OrderSummary> orders, String nextCursor) {}
