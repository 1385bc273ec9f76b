package io.cloudlab.order.analytics;

import io.cloudlab.order.analytics.AnalyticsFigures.Compliance;
import io.cloudlab.order.analytics.AnalyticsFigures.DailyRevenue;
import io.cloudlab.order.analytics.AnalyticsFigures.Funnel;
import io.cloudlab.order.analytics.AnalyticsFigures.ProductRevenue;
import io.cloudlab.order.analytics.AnalyticsFigures.Reasons;
import io.cloudlab.order.analytics.AnalyticsFigures.VendorRevenue;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Staff analytics over the order-analytics facts in ClickHouse, always of the caller's tenant. Periods are days
 * in UTC, both ends included ({@link Period}). While ClickHouse is unreachable these answer 503 problem+json;
 * the order API does not depend on it.
 */
@Path("/analytics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.ADMIN, Caller.SUPPORT})
@Tag(name = "Analytics (staff)")
public class AnalyticsResource {

    @Inject
    Caller caller;
    @Inject
    AnalyticsQueries queries;

    @GET
    @Path("/revenue/daily")
    @Operation(summary = "Revenue per day: orders paid that day and their amount, refunds, net; per currency")
    public Uni<DailyRevenue> daily(@BeanParam PeriodQuery period) {
        return queries.dailyRevenue(caller.tenantId(), period.period());
    }

    @GET
    @Path("/revenue/products")
    @Operation(summary = "Revenue per product: lines of the orders paid in the period")
    public Uni<ProductRevenue> products(@BeanParam PeriodQuery period) {
        return queries.productRevenue(caller.tenantId(), period.period());
    }

    @GET
    @Path("/revenue/vendors")
    @Operation(summary = "Revenue per vendor: lines of the orders paid in the period")
    public Uni<VendorRevenue> vendors(@BeanParam PeriodQuery period) {
        return queries.vendorRevenue(caller.tenantId(), period.period());
    }

    @GET
    @Path("/funnel")
    @Operation(summary = "Orders placed in the period and how many were paid, shipped, delivered; conversion rates")
    public Uni<Funnel> funnel(@BeanParam PeriodQuery period) {
        return queries.funnel(caller.tenantId(), period.period());
    }

    @GET
    @Path("/reasons")
    @Operation(summary = "Cancellation, rejection and payment decline reasons with their counts")
    public Uni<Reasons> reasons(@BeanParam PeriodQuery period) {
        return queries.reasons(caller.tenantId(), period.period());
    }

    @GET
    @Path("/compliance")
    @Operation(summary = "Business-rule compliance: time from placed to shipped, and projection delay into ClickHouse")
    public Uni<Compliance> compliance(@BeanParam PeriodQuery period) {
        return queries.compliance(caller.tenantId(), period.period());
    }

    /** The period every figure takes: {@code from} and {@code to}, days in UTC, both included. */
    public static class PeriodQuery {
        @RestQuery
        @Parameter(description = "First day (YYYY-MM-DD, UTC); default: 29 days before to")
        String from;
        @RestQuery
        @Parameter(description = "Last day (YYYY-MM-DD, UTC), included; default: today")
        String to;

        Period period() {
            return Period.parse(from, to);
        }
    }
}
