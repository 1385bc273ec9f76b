package io.cloudlab.order.analytics;

import io.cloudlab.support.problem.ProblemException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The days a figure covers, both included, in UTC (the facts' time zone). Without {@code to}, today; without
 * {@code from}, the 30 days up to {@code to}.
 */
public record Period(LocalDate from, LocalDate to) {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 3660;

    static Period parse(String from, String to) {
        LocalDate end = to == null || to.isBlank() ? LocalDate.now(ZoneOffset.UTC) : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (start.isAfter(end)) throw ProblemException.badRequest("from", "from (" + start + ") is after to (" + end + ")");
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw ProblemException.badRequest("from", "a period covers at most " + MAX_DAYS + " days");
        }
        return new Period(start, end);
    }

    private static LocalDate date(String parameter, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(parameter, parameter + " must be a date as YYYY-MM-DD, not '" + text + "'");
        }
    }

    /** The SQL condition on a DateTime column: from the first day's start to the day after the last. */
    String covers(String column) {
        return column + " >= toDateTime('" + from + " 00:00:00', 'UTC') AND " + column + " < toDateTime('"
                + to.plusDays(1) + " 00:00:00', 'UTC')";
    }
}
