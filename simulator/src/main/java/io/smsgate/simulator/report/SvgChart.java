package io.smsgate.simulator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A line chart drawn as inline SVG (no scripts, no fetches), one polyline per series. */
final class SvgChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 280;
    private static final int LEFT = 70;
    private static final int RIGHT = 160;
    private static final int TOP = 16;
    private static final int BOTTOM = 36;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    /** One named line: y values at the shared x values. */
    record Series(String name, double[] values) {
    }

    private final String title;
    private final String yUnit;
    private final double[] x;
    private final List<Series> series = new ArrayList<>();

    SvgChart(String title, String yUnit, double[] x) {
        this.title = title;
        this.yUnit = yUnit;
        this.x = x.clone();
    }

    SvgChart add(String name, double[] values) {
        if (values.length != x.length) {
            throw new IllegalArgumentException("series " + name + ": " + values.length + " values (expected: "
                    + x.length + ", one per x)");
        }
        series.add(new Series(name, values.clone()));
        return this;
    }

    String render() {
        double xMax = x.length == 0 ? 1 : Math.max(1e-9, x[x.length - 1]);
        double yMax = niceCeiling(maxValue());
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n");
        svg.append("<title>").append(Html.escape(title)).append("</title>\n");
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotWidth)
                .append("\" height=\"").append(plotHeight).append("\" class=\"plot\"/>\n");
        for (int tick = 0; tick <= 4; tick++) {
            double value = yMax * tick / 4;
            double y = TOP + plotHeight - plotHeight * tick / 4.0;
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotWidth).append("\" y1=\"")
                    .append(num(y)).append("\" y2=\"").append(num(y)).append("\" class=\"grid\"/>");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" class=\"ytick\">").append(label(value)).append("</text>\n");
        }
        for (int tick = 0; tick <= 5; tick++) {
            double value = xMax * tick / 5;
            double xPos = LEFT + plotWidth * tick / 5.0;
            svg.append("<text x=\"").append(num(xPos)).append("\" y=\"").append(TOP + plotHeight + 16)
                    .append("\" class=\"xtick\">").append(label(value)).append(" s</text>\n");
        }
        svg.append("<text x=\"12\" y=\"").append(TOP + plotHeight / 2).append("\" class=\"unit\" transform=\"rotate(-90 12 ")
                .append(TOP + plotHeight / 2).append(")\">").append(Html.escape(yUnit)).append("</text>\n");
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            svg.append("<polyline class=\"series\" data-series=\"").append(Html.escape(line.name()))
                    .append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"");
            for (int i = 0; i < x.length; i++) {
                double px = LEFT + plotWidth * (x[i] / xMax);
                double py = TOP + plotHeight - plotHeight * (yMax == 0 ? 0 : line.values()[i] / yMax);
                if (i > 0) {
                    svg.append(' ');
                }
                svg.append(num(px)).append(',').append(num(py));
            }
            svg.append("\"/>\n");
            int legendY = TOP + 14 + 18 * s;
            svg.append("<line x1=\"").append(WIDTH - RIGHT + 12).append("\" x2=\"").append(WIDTH - RIGHT + 32)
                    .append("\" y1=\"").append(legendY - 4).append("\" y2=\"").append(legendY - 4)
                    .append("\" stroke=\"").append(colour).append("\" stroke-width=\"3\"/>");
            svg.append("<text x=\"").append(WIDTH - RIGHT + 38).append("\" y=\"").append(legendY)
                    .append("\" class=\"legend\">").append(Html.escape(line.name())).append("</text>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private double maxValue() {
        double max = 0;
        for (Series line : series) {
            for (double value : line.values()) {
                if (value > max) {
                    max = value;
                }
            }
        }
        return max;
    }

    /** The smallest 1, 2 or 5 × 10ⁿ at or above {@code value}, so axis labels stay round. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String label(double value) {
        if (value >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", value / 1000);
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
