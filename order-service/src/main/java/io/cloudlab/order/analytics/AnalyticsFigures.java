package io.cloudlab.order.analytics;

import java.time.LocalDate;
import java.util.List;

/** The figures the analytics endpoints answer (JSON in snake_case, money as decimal strings like the order API). */
public final class AnalyticsFigures {

    private AnalyticsFigures() {}

    public record DailyRevenue(LocalDate from, LocalDate to, List<Day> days) {}

    /** Orders paid on a day and their amount; refunds made that day; net = revenue - refunded. */
    public record Day(LocalDate day, String currency, long ordersPaid, String revenue, String refunded, String net) {}

    public record ProductRevenue(LocalDate from, LocalDate to, List<Product> products) {}

    /** Lines of the orders paid in the period, per product. */
    public record Product(String productId, String productName, String currency, long units, String revenue) {}

    public record VendorRevenue(LocalDate from, LocalDate to, List<Vendor> vendors) {}

    /** Lines of the orders paid in the period, per vendor; vendor_id null: products whose vendor is unknown. */
    public record Vendor(String vendorId, String currency, long units, String revenue) {}

    /** Orders placed in the period, and how many of them went on to each step (whenever it happened). */
    public record Funnel(LocalDate from, LocalDate to, long placed, long paid, long shipped, long delivered,
            Conversion conversion) {}

    /** Share of the previous step's orders that reached a step, 0..1 (null when the previous step had none). */
    public record Conversion(Double placedToPaid, Double paidToShipped, Double shippedToDelivered, Double placedToDelivered) {}

    public record Reasons(LocalDate from, LocalDate to, List<Reason> cancellations, List<Reason> rejections,
            List<Reason> declines) {}

    public record Reason(String reason, long count) {}

    public record Compliance(LocalDate from, LocalDate to, Timing placedToShipped, Timing projectionDelay) {}

    /**
     * A duration's figures over {@code count} cases, in {@code unit}, against the seed's target (compliant when the
     * average is below it; null when there were no cases).
     */
    public record Timing(long count, String unit, Double average, Double p50, Double p95, Double max, long target,
            Boolean compliant) {}
}
