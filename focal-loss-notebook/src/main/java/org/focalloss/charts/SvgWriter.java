package org.focalloss.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * Writes a figure's chart as SVG from its model (title, axes, series, colours, legend) with text as
 * {@code <text>}, one {@code <path>} per curve and coordinates rounded to 0.1 user unit. XChart's own SVG
 * export draws every glyph as an outlined path and every curve segment as its own element, which made one
 * two-curve chart half a megabyte; this one is a few tens of kilobytes and its text stays text.
 *
 * <p>The layout follows the PNG's: the same fonts, palette, strokes, axis ranges, tick format
 * ({@code 0.##}) and legend corner; tick positions are "nice" steps of 1, 2, 2.5 or 5 × 10^k, the one
 * nearest to {@link ChartStyle#TICK_SPACING} pixels apart, as XChart aims for. Curves are simplified
 * (Douglas–Peucker) to within 0.1 unit of the sampled line.
 */
final class SvgWriter {

    private static final String FONT_FAMILY = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";
    /** Average advance of a character of the sans-serif font, as a fraction of the font size. */
    private static final double CHAR_WIDTH = 0.58;

    private final Figure figure;
    private final Chart<?, ?> chart;
    private final double k;
    private final int w;
    private final int h;
    private final StringBuilder out = new StringBuilder();

    private SvgWriter(Figure figure) {
        this.figure = figure;
        this.chart = figure.chart();
        this.w = figure.width();
        this.h = figure.height();
        this.k = ChartStyle.sizeFactor(w, h);
    }

    static String write(Figure figure) {
        return new SvgWriter(figure).render();
    }

    private record Series(String label, Color color, float width, double[] x, double[] y) {
    }

    private String render() {
        boolean bars = chart instanceof CategoryChart;
        List<Series> series = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        if (chart instanceof XYChart xy) {
            for (XYSeries s : xy.getSeriesMap().values()) {
                BasicStroke stroke = s.getLineStyle();
                series.add(new Series(s.getLabel(), s.getLineColor() != null ? s.getLineColor() : Color.BLACK,
                        stroke != null ? stroke.getLineWidth() : (float) (ChartStyle.LINE * k), s.getXData(), s.getYData()));
            }
        } else if (chart instanceof CategoryChart cat) {
            for (CategorySeries s : cat.getSeriesMap().values()) {
                List<?> xs = new ArrayList<>(s.getXData());
                List<? extends Number> ys = new ArrayList<>(s.getYData());
                double[] x = new double[xs.size()];
                double[] y = new double[ys.size()];
                for (int i = 0; i < x.length; i++) {
                    if (categories.size() <= i) {
                        categories.add(String.valueOf(xs.get(i)));
                    }
                    x[i] = i;
                    y[i] = ys.get(i).doubleValue();
                }
                series.add(new Series(s.getLabel(), s.getFillColor() != null ? s.getFillColor() : Color.BLACK, 0, x, y));
            }
        } else {
            throw new IllegalArgumentException("no SVG writer for " + chart.getClass().getSimpleName());
        }
        AxesChartStyler styler = (AxesChartStyler) chart.getStyler();

        double font = ChartStyle.FONT * k;
        double tickFont = 12 * k;
        double titleFont = ChartStyle.TITLE_FONT * k;
        double pad = 12 * k;

        double[] xr = bars ? new double[] {-0.5, categories.size() - 0.5} : range(series, true, styler.getXAxisMin(),
                styler.getXAxisMax());
        double[] yr = range(series, false, styler.getYAxisMin(), styler.getYAxisMax());
        double[] yTicks = ticks(yr[0], yr[1], (h - 120 * k) / (ChartStyle.TICK_SPACING * k));
        List<String> yLabels = new ArrayList<>();
        double yLabelWidth = 0;
        for (double t : yTicks) {
            String s = tick(t);
            yLabels.add(s);
            yLabelWidth = Math.max(yLabelWidth, textWidth(s, tickFont));
        }

        boolean hasTitle = chart.getTitle() != null && !chart.getTitle().isBlank();
        double top = pad + (hasTitle ? titleFont * 1.25 + 5 * k : 0) + 3 * k;
        double left = pad + font * 1.2 + 10 * k + yLabelWidth + 4 * k + 3 * k;
        double bottom = h - pad - font * 1.2 - 10 * k - tickFont * 1.2 - 4 * k;
        double legendWidth = 0;
        double lineLen = 24 * k;
        for (Series s : series) {
            legendWidth = Math.max(legendWidth, textWidth(s.label(), font));
        }
        legendWidth += lineLen + 3 * 10 * k;
        boolean outside = styler.getLegendPosition() == Styler.LegendPosition.OutsideE;
        double right = w - pad - (outside ? legendWidth + 10 * k : 0) - 3 * k;
        double pw = right - left;
        double ph = bottom - top;
        double[] xTicks = bars ? new double[0] : ticks(xr[0], xr[1], pw / (ChartStyle.TICK_SPACING * k));

        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" role=\"img\" font-family=\"")
                .append(FONT_FAMILY).append("\">\n");
        out.append("<title>").append(esc(figure.title())).append("</title>\n");
        out.append("<desc>").append(esc(figure.description())).append("</desc>\n");
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        out.append("<defs><clipPath id=\"plot\"><rect x=\"").append(n(left)).append("\" y=\"").append(n(top))
                .append("\" width=\"").append(n(pw)).append("\" height=\"").append(n(ph)).append("\"/></clipPath></defs>\n");

        // grid, ticks and tick labels
        String grid = hex(styler.getPlotGridLinesColor());
        out.append("<g stroke=\"").append(grid).append("\" stroke-width=\"").append(n(k)).append("\">");
        for (double t : yTicks) {
            double y = sy(t, yr, top, ph);
            out.append("<line x1=\"").append(n(left)).append("\" x2=\"").append(n(right)).append("\" y1=\"").append(n(y))
                    .append("\" y2=\"").append(n(y)).append("\"/>");
        }
        for (double t : xTicks) {
            double x = sx(t, xr, left, pw);
            out.append("<line x1=\"").append(n(x)).append("\" x2=\"").append(n(x)).append("\" y1=\"").append(n(top))
                    .append("\" y2=\"").append(n(bottom)).append("\"/>");
        }
        out.append("</g>\n");
        out.append("<g font-size=\"").append(n(tickFont)).append("\" fill=\"#000000\">");
        for (int i = 0; i < yTicks.length; i++) {
            double y = sy(yTicks[i], yr, top, ph);
            out.append("<text x=\"").append(n(left - 4 * k - 3 * k)).append("\" y=\"").append(n(y + tickFont * 0.35))
                    .append("\" text-anchor=\"end\">").append(esc(yLabels.get(i))).append("</text>");
        }
        double tickBaseline = bottom + 3 * k + 4 * k + tickFont * 0.9;
        for (double t : xTicks) {
            out.append("<text x=\"").append(n(sx(t, xr, left, pw))).append("\" y=\"").append(n(tickBaseline))
                    .append("\" text-anchor=\"middle\">").append(esc(tick(t))).append("</text>");
        }
        for (int i = 0; i < categories.size(); i++) {
            out.append("<text x=\"").append(n(sx(i, xr, left, pw))).append("\" y=\"").append(n(tickBaseline))
                    .append("\" text-anchor=\"middle\">").append(esc(categories.get(i))).append("</text>");
        }
        out.append("</g>\n");

        // data
        out.append("<g clip-path=\"url(#plot)\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n");
        for (Series s : series) {
            if (bars) {
                double band = pw / categories.size();
                out.append("<g fill=\"").append(hex(s.color())).append("\" stroke=\"none\">");
                for (int i = 0; i < s.x().length; i++) {
                    if (!(s.y()[i] > 0)) {
                        continue;
                    }
                    double x0 = sx(i, xr, left, pw) - band * 0.3;
                    double y0 = sy(s.y()[i], yr, top, ph);
                    out.append("<rect x=\"").append(n(x0)).append("\" y=\"").append(n(y0)).append("\" width=\"")
                            .append(n(band * 0.6)).append("\" height=\"").append(n(sy(Math.max(0, yr[0]), yr, top, ph) - y0))
                            .append("\"/>");
                }
                out.append("</g>\n");
            } else {
                out.append("<path stroke=\"").append(hex(s.color())).append("\" stroke-width=\"").append(n(s.width()))
                        .append("\" d=\"").append(path(s, xr, yr, left, top, pw, ph)).append("\"/>\n");
            }
        }
        out.append("</g>\n");
        out.append("<rect x=\"").append(n(left)).append("\" y=\"").append(n(top)).append("\" width=\"").append(n(pw))
                .append("\" height=\"").append(n(ph)).append("\" fill=\"none\" stroke=\"")
                .append(hex(styler.getPlotBorderColor())).append("\" stroke-width=\"").append(n(k)).append("\"/>\n");

        // titles
        if (hasTitle) {
            out.append("<text x=\"").append(n(w / 2.0)).append("\" y=\"").append(n(pad + titleFont)).append("\" font-size=\"")
                    .append(n(titleFont)).append("\" font-weight=\"bold\" text-anchor=\"middle\">")
                    .append(esc(chart.getTitle())).append("</text>\n");
        }
        if (chart.getXAxisTitle() != null && !chart.getXAxisTitle().isBlank()) {
            out.append("<text x=\"").append(n(left + pw / 2)).append("\" y=\"").append(n(h - pad - font * 0.25))
                    .append("\" font-size=\"").append(n(font)).append("\" text-anchor=\"middle\">")
                    .append(esc(chart.getXAxisTitle())).append("</text>\n");
        }
        if (chart.getYAxisTitle() != null && !chart.getYAxisTitle().isBlank()) {
            double x = pad + font;
            double y = top + ph / 2;
            out.append("<text transform=\"translate(").append(n(x)).append(' ').append(n(y))
                    .append(") rotate(-90)\" font-size=\"").append(n(font)).append("\" text-anchor=\"middle\">")
                    .append(esc(chart.getYAxisTitle())).append("</text>\n");
        }

        // legend
        if (!series.isEmpty() && styler.isLegendVisible()) {
            double lineHeight = font * 1.45;
            double lh = 10 * k * 2 + lineHeight * series.size() - (lineHeight - font);
            double lx;
            double ly;
            switch (styler.getLegendPosition()) {
                case InsideSE -> {
                    lx = right - 10 * k - legendWidth;
                    ly = bottom - 10 * k - lh;
                }
                case OutsideE -> {
                    lx = right + 3 * k + 10 * k;
                    ly = top;
                }
                default -> {
                    lx = right - 10 * k - legendWidth;
                    ly = top + 10 * k;
                }
            }
            out.append("<g font-size=\"").append(n(font)).append("\"><rect x=\"").append(n(lx)).append("\" y=\"")
                    .append(n(ly)).append("\" width=\"").append(n(legendWidth)).append("\" height=\"").append(n(lh))
                    .append("\" fill=\"#ffffff\" stroke=\"").append(hex(styler.getLegendBorderColor()))
                    .append("\" stroke-width=\"").append(n(k)).append("\"/>");
            for (int i = 0; i < series.size(); i++) {
                Series s = series.get(i);
                double cy = ly + 10 * k + i * lineHeight + font / 2;
                double x0 = lx + 10 * k;
                if (bars) {
                    out.append("<rect x=\"").append(n(x0)).append("\" y=\"").append(n(cy - font / 2)).append("\" width=\"")
                            .append(n(font)).append("\" height=\"").append(n(font)).append("\" fill=\"")
                            .append(hex(s.color())).append("\"/>");
                } else {
                    out.append("<line x1=\"").append(n(x0)).append("\" x2=\"").append(n(x0 + lineLen)).append("\" y1=\"")
                            .append(n(cy)).append("\" y2=\"").append(n(cy)).append("\" stroke=\"").append(hex(s.color()))
                            .append("\" stroke-width=\"").append(n(s.width())).append("\"/>");
                }
                out.append("<text x=\"").append(n(x0 + (bars ? font : lineLen) + 10 * k)).append("\" y=\"")
                        .append(n(cy + font * 0.35)).append("\">").append(esc(s.label())).append("</text>");
            }
            out.append("</g>\n");
        }
        return out.append("</svg>\n").toString();
    }

    private static double[] range(List<Series> series, boolean x, Double min, Double max) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : x ? s.x() : s.y()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (min != null) {
            lo = min;
        }
        if (max != null) {
            hi = max;
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        return new double[] {lo, hi};
    }

    /** Nice tick positions in [lo, hi]: multiples of 1, 2 or 5 × 10^k, about {@code count} intervals. */
    static double[] ticks(double lo, double hi, double count) {
        double raw = (hi - lo) / Math.max(1, count);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (Math.abs(Math.log(m * mag / raw)) < Math.abs(Math.log(step / raw))) {
                step = m * mag;
            }
        }
        List<Double> ts = new ArrayList<>();
        for (long i = (long) Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) {
            ts.add(i * step);
        }
        double[] out = new double[ts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ts.get(i);
        }
        return out;
    }

    private static String tick(double t) {
        String s = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(t);
        return s.equals("-0") ? "0" : s;
    }

    private static double sx(double v, double[] r, double left, double pw) {
        return left + (v - r[0]) / (r[1] - r[0]) * pw;
    }

    private static double sy(double v, double[] r, double top, double ph) {
        return top + ph - (v - r[0]) / (r[1] - r[0]) * ph;
    }

    /** The polyline with NaN as breaks, simplified to within 0.1 unit. */
    private static String path(Series s, double[] xr, double[] yr, double left, double top, double pw, double ph) {
        StringBuilder d = new StringBuilder();
        List<double[]> run = new ArrayList<>();
        for (int i = 0; i <= s.x().length; i++) {
            boolean end = i == s.x().length || !Double.isFinite(s.y()[i]) || !Double.isFinite(s.x()[i]);
            if (!end) {
                double y = sy(s.y()[i], yr, top, ph);
                // keep far-off values finite and short, the clip path hides them
                run.add(new double[] {sx(s.x()[i], xr, left, pw), Math.max(top - ph, Math.min(top + 2 * ph, y))});
            }
            if (end && !run.isEmpty()) {
                List<double[]> kept = simplify(run);
                for (int j = 0; j < kept.size(); j++) {
                    d.append(j == 0 ? (d.length() == 0 ? "M" : " M") : "L").append(n(kept.get(j)[0])).append(' ')
                            .append(n(kept.get(j)[1]));
                }
                run.clear();
            }
        }
        return d.toString();
    }

    /** Douglas–Peucker: drops the points within 0.1 unit of the simplified line, so the curve moves by at most that. */
    private static List<double[]> simplify(List<double[]> pts) {
        boolean[] keep = new boolean[pts.size()];
        keep[0] = true;
        keep[pts.size() - 1] = true;
        java.util.ArrayDeque<int[]> todo = new java.util.ArrayDeque<>();
        todo.push(new int[] {0, pts.size() - 1});
        while (!todo.isEmpty()) {
            int[] span = todo.pop();
            double[] a = pts.get(span[0]);
            double[] c = pts.get(span[1]);
            double dx = c[0] - a[0];
            double dy = c[1] - a[1];
            double len = Math.hypot(dx, dy);
            int worst = -1;
            double far = 0.1;
            for (int i = span[0] + 1; i < span[1]; i++) {
                double[] b = pts.get(i);
                double dist = len == 0 ? Math.hypot(b[0] - a[0], b[1] - a[1])
                        : Math.abs(dx * (a[1] - b[1]) - dy * (a[0] - b[0])) / len;
                if (dist > far) {
                    far = dist;
                    worst = i;
                }
            }
            if (worst >= 0) {
                keep[worst] = true;
                todo.push(new int[] {span[0], worst});
                todo.push(new int[] {worst, span[1]});
            }
        }
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                kept.add(pts.get(i));
            }
        }
        return kept;
    }

    private static double textWidth(String s, double size) {
        return s.codePointCount(0, s.length()) * size * CHAR_WIDTH;
    }

    private static String n(double v) {
        double r = Math.round(v * 10) / 10.0;
        if (r == Math.rint(r)) {
            return Long.toString((long) r);
        }
        return Double.toString(r);
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xFFFFFF);
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
