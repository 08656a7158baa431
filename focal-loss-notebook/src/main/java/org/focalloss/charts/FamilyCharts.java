package org.focalloss.charts;

import java.util.List;
import org.focalloss.core.Fmt;
import org.focalloss.curves.FamilyCurves;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

/**
 * Charts of the focal family (notebook 05): the variants and their gradients over x_t, label smoothing's
 * effect on the modulator, and the second derivative. Each figure carries a description with numbers
 * read from its own data.
 */
public final class FamilyCharts {

    private FamilyCharts() {
    }

    /**
     * The losses of {@link FamilyCurves#defaultFamily()} over x_t ∈ [−5, 5].
     *
     * @return the figure
     */
    public static Figure losses() {
        return family(FamilyCurves.defaultFamily(), false);
    }

    /**
     * The gradients d loss / dx of {@link FamilyCurves#defaultFamily()} over x_t ∈ [−5, 5].
     *
     * @return the figure
     */
    public static Figure gradients() {
        return family(FamilyCurves.defaultFamily(), true);
    }

    /**
     * Losses or gradients of any curves over x_t ∈ [−5, 5].
     *
     * @param curves the curves; the first is drawn as the black reference
     * @param gradient whether to draw d loss / dx instead of the loss
     * @return the figure
     */
    public static Figure family(List<FamilyCurves.Curve> curves, boolean gradient) {
        Table t = FamilyCurves.overXt(curves, -5, 5, 401);
        double[] x = t.doubleColumn(FamilyCurves.XT).asDoubleArray();
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(gradient ? "The focal family: d loss / dx against x_t" : "The focal family against x_t")
                .xAxisTitle("x_t = y·x (logit of a positive)").yAxisTitle(gradient ? "d loss / dx" : "loss").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisMin(x[0]).setXAxisMax(x[x.length - 1]);
        if (gradient) {
            chart.getStyler().setYAxisMin(-1.5).setYAxisMax(0.6).setLegendPosition(Styler.LegendPosition.InsideSE);
        } else {
            chart.getStyler().setYAxisMin(0.0).setYAxisMax(5.0);
        }
        StringBuilder at = new StringBuilder();
        int mid = indexOf(x, 2);
        for (int i = 0; i < curves.size(); i++) {
            String label = curves.get(i).label();
            String col = gradient ? FamilyCurves.gradientColumn(label) : label;
            XYSeries s = chart.addSeries(label, x, t.doubleColumn(col).asDoubleArray());
            s.setMarker(SeriesMarkers.NONE);
            if (i == 0) {
                s.setLineColor(ChartStyle.REFERENCE);
                s.setLineStyle(ChartStyle.referenceStroke());
            } else {
                s.setLineColor(ChartStyle.color(i - 1));
                s.setLineStyle(ChartStyle.stroke());
            }
            at.append(i == 0 ? "" : i == curves.size() - 1 ? " and " : ", ").append(label).append(' ')
                    .append(Fmt.value(t.doubleColumn(col).get(mid)));
        }
        String description = "Line chart of " + (gradient ? "the derivative d loss / dx" : "the loss")
                + " against x_t from −5 to 5 for " + curves.size() + " members of the focal family. At x_t = 2: "
                + at + ".";
        return new Figure(chart, description);
    }

    /**
     * Keras' binary label smoothing and the modulator of a positive: (1 − p_t)^γ against p for each s; it
     * bottoms out at (s/2)^γ instead of 0.
     *
     * @param gamma γ ≥ 0
     * @param smoothings the s values
     * @return the figure
     * @throws org.focalloss.core.InvalidArgumentException if γ or an s is out of range
     */
    public static Figure labelSmoothing(double gamma, double... smoothings) {
        Table t = FamilyCurves.labelSmoothing(gamma, smoothings);
        double[] p = t.doubleColumn(FamilyCurves.P).asDoubleArray();
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Label smoothing keeps easy positives in play (γ = " + Fmt.trimmed(gamma, 3) + ")")
                .xAxisTitle("p = σ(x) for a positive").yAxisTitle("modulator (1 − p_t)^γ, log scale").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisLogarithmic(true)
                .setLegendPosition(Styler.LegendPosition.InsideSW);
        StringBuilder ends = new StringBuilder();
        for (int i = 0; i < smoothings.length; i++) {
            double s = smoothings[i];
            double[] m = t.doubleColumn(FamilyCurves.modulatorColumn(s)).asDoubleArray();
            XYSeries series = chart.addSeries("s = " + Fmt.trimmed(s, 3), p, m);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(ChartStyle.color(i));
            series.setLineStyle(ChartStyle.stroke());
            ends.append(i == 0 ? "" : i == smoothings.length - 1 ? " and " : ", ").append(Fmt.value(m[m.length - 1]))
                    .append(" (s = ").append(Fmt.trimmed(s, 3)).append(')');
        }
        return new Figure(chart, "Line chart of the modulator (1 − p_t)^γ of a positive against p, with Keras' label"
                + " smoothing s. At p = 0.999 it is " + ends + ": smoothing turns the target into 1 − s/2, so the"
                + " modulator stops falling at (s/2)^γ.");
    }

    /**
     * d²FL/dx² of the sigmoid focal loss of a positive against x_t, for each γ.
     *
     * @param gammas the γ values
     * @return the figure
     * @throws org.focalloss.core.InvalidArgumentException if a γ is out of range
     */
    public static Figure curvature(double... gammas) {
        Table t = FamilyCurves.curvature(gammas);
        double[] x = t.doubleColumn(FamilyCurves.XT).asDoubleArray();
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Curvature d²FL/dx² against x_t").xAxisTitle("x_t = y·x").yAxisTitle("d²FL/dx²").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisMin(x[0]).setXAxisMax(x[x.length - 1]);
        StringBuilder peaks = new StringBuilder();
        for (int i = 0; i < gammas.length; i++) {
            double[] d = t.doubleColumn(FamilyCurves.curvatureColumn(gammas[i])).asDoubleArray();
            XYSeries s = chart.addSeries("γ = " + Fmt.trimmed(gammas[i], 3), x, d);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(gammas[i] == 0 ? ChartStyle.REFERENCE : ChartStyle.color(i));
            s.setLineStyle(gammas[i] == 0 ? ChartStyle.referenceStroke() : ChartStyle.stroke());
            int best = 0;
            for (int k = 1; k < d.length; k++) {
                if (d[k] > d[best]) {
                    best = k;
                }
            }
            peaks.append(i == 0 ? "" : i == gammas.length - 1 ? " and " : ", ").append(Fmt.value(d[best]))
                    .append(" at x_t = ").append(Fmt.trimmed(x[best], 3)).append(" (γ = ")
                    .append(Fmt.trimmed(gammas[i], 3)).append(')');
        }
        return new Figure(chart, "Line chart of the second derivative of the focal loss of a positive against x_t"
                + " from −6 to 6. The largest curvature is " + peaks + ".");
    }

    private static int indexOf(double[] xs, double x) {
        int best = 0;
        for (int i = 1; i < xs.length; i++) {
            if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) {
                best = i;
            }
        }
        return best;
    }
}
