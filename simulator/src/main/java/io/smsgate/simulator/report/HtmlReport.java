package io.smsgate.simulator.report;

import io.smsgate.simulator.load.LatencySummary;
import io.smsgate.simulator.load.LoadResult;
import io.smsgate.simulator.load.SeriesPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A self-contained HTML report of a load run (inline CSS and SVG, nothing fetched), written as well-formed
 * XHTML so that tools and tests can parse it: summary, throughput over time and latency percentiles over time.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 24px; color: #222; }
            table { border-collapse: collapse; margin-bottom: 16px; }
            td, th { border: 1px solid #ccc; padding: 4px 10px; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            .plot { fill: #fafafa; stroke: #999; }
            .grid { stroke: #e3e3e3; }
            .ytick { font-size: 11px; text-anchor: end; }
            .xtick { font-size: 11px; text-anchor: middle; }
            .unit, .legend { font-size: 12px; }
            .bad { color: #b00020; font-weight: bold; }
            """;

    private HtmlReport() {
    }

    public static String render(LoadResult result) {
        List<SeriesPoint> series = result.series();
        double[] x = values(series, SeriesPoint::elapsedSeconds);
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>smsgate load report: ").append(Html.escape(result.description()))
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(Html.escape(result.description())).append("</h1>\n");
        html.append("<p>started ").append(Html.escape(result.startedAt())).append(", ")
                .append(fmt(result.durationSeconds())).append(" s</p>\n");

        html.append("<h2>Summary</h2>\n<table id=\"summary\">\n");
        row(html, "submitted", Long.toString(result.submitted()), false);
        row(html, "accepted", result.accepted() + " (" + fmt(result.acceptedPerSecond()) + " msg/s)", false);
        row(html, "rejected", Long.toString(result.rejected()), false);
        row(html, "unanswered", Long.toString(result.unanswered()), result.unanswered() > 0);
        for (Map.Entry<String, Long> status : result.statusCounts().entrySet()) {
            row(html, "status " + status.getKey(), Long.toString(status.getValue()), false);
        }
        LoadResult.Receipts receipts = result.receipts();
        row(html, "receipts awaited", Long.toString(receipts.awaited()), false);
        row(html, "receipts matched", Long.toString(receipts.matched()), false);
        row(html, "lost (no final receipt)", Long.toString(receipts.lost()), receipts.lost() > 0);
        row(html, "doubled (more than one final receipt)", Long.toString(receipts.doubled()), receipts.doubled() > 0);
        row(html, "receipts for unknown ids", Long.toString(receipts.unmatched()), receipts.unmatched() > 0);
        html.append("</table>\n");

        html.append("<h2>Latency (ms, from the intended send time)</h2>\n<table id=\"latency\">\n")
                .append("<tr><th>path</th><th>count</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr>\n");
        latencyRow(html, "submit → submit_sm_resp", result.submitResponse());
        latencyRow(html, "submit → final receipt", result.receipt());
        html.append("</table>\n");

        html.append("<h2>Throughput</h2>\n").append(new SvgChart("Throughput per second", "messages/s", x)
                .add("submitted", values(series, SeriesPoint::submittedPerSecond))
                .add("accepted", values(series, SeriesPoint::acceptedPerSecond))
                .add("final receipts", values(series, SeriesPoint::receiptsPerSecond))
                .render());
        html.append("<h2>submit → submit_sm_resp latency over time</h2>\n")
                .append(percentileChart("submit_sm_resp latency percentiles", x, series, true));
        html.append("<h2>submit → final receipt latency over time</h2>\n")
                .append(percentileChart("receipt latency percentiles", x, series, false));
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    public static void write(Path file, LoadResult result) {
        try {
            Files.writeString(file, render(result));
        } catch (IOException e) {
            throw new UncheckedIOException("write " + file, e);
        }
    }

    private static String percentileChart(String title, double[] x, List<SeriesPoint> series, boolean response) {
        ToDoubleFunction<SeriesPoint> p50 = point -> pick(point, response).p50();
        ToDoubleFunction<SeriesPoint> p99 = point -> pick(point, response).p99();
        ToDoubleFunction<SeriesPoint> p999 = point -> pick(point, response).p999();
        ToDoubleFunction<SeriesPoint> max = point -> pick(point, response).max();
        return new SvgChart(title, "ms", x)
                .add("p50", values(series, p50))
                .add("p99", values(series, p99))
                .add("p99.9", values(series, p999))
                .add("max", values(series, max))
                .render();
    }

    private static LatencySummary pick(SeriesPoint point, boolean response) {
        return response ? point.submitResponse() : point.receipt();
    }

    private static double[] values(List<SeriesPoint> series, ToDoubleFunction<SeriesPoint> value) {
        double[] values = new double[series.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.applyAsDouble(series.get(i));
        }
        return values;
    }

    private static void row(StringBuilder html, String name, String value, boolean bad) {
        html.append("<tr><td>").append(Html.escape(name)).append("</td><td").append(bad ? " class=\"bad\"" : "")
                .append('>').append(Html.escape(value)).append("</td></tr>\n");
    }

    private static void latencyRow(StringBuilder html, String name, LatencySummary summary) {
        html.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(summary.count())
                .append("</td><td>").append(fmt(summary.p50())).append("</td><td>").append(fmt(summary.p90()))
                .append("</td><td>").append(fmt(summary.p99())).append("</td><td>").append(fmt(summary.p999()))
                .append("</td><td>").append(fmt(summary.max())).append("</td></tr>\n");
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
