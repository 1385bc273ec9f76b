package io.cloudlab.console.platform;

import java.util.List;

/**
 * Reads figures out of the services' Prometheus text: the sum of every sample of a metric whose labels contain the
 * given pairs, or the largest. Enough for the console's live charts; the dashboards proper are Grafana's.
 */
public final class Metrics {

    private Metrics() {}

    public static double sum(String text, String metric, String... labels) {
        double total = 0;
        for (double v : values(text, metric, labels)) total += v;
        return total;
    }

    public static double max(String text, String metric, String... labels) {
        double most = 0;
        for (double v : values(text, metric, labels)) if (v > most && !Double.isNaN(v)) most = v;
        return most;
    }

    private static List<Double> values(String text, String metric, String... labels) {
        if (text == null) return List.of();
        List<Double> found = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') continue;
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) continue;
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            if (!name.equals(metric)) continue;
            String labelText = brace >= 0 && brace < space ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
            boolean matches = true;
            for (String label : labels) if (!labelText.contains(label)) { matches = false; break; }
            if (!matches) continue;
            try {
                found.add(Double.parseDouble(line.substring(space + 1).trim()));
            } catch (NumberFormatException skipped) {
                // a value this reader does not understand is not counted
            }
        }
        return found;
    }
}
