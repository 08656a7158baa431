package org.focalloss.charts;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.focalloss.core.Check;
import org.focalloss.core.Fmt;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.experiment.AveragePrecision;
import org.focalloss.experiment.DetectionData;
import org.focalloss.experiment.LossCdf;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of the training experiment of notebook 04 ({@code org.focalloss.experiment}): the data set, PR
 * curves, the paper's Fig. 4 loss distributions and AP sweeps. Every method returns a {@link Figure} with
 * a description that states the chart's key numbers.
 *
 * <pre>{@code
 * show(ExperimentCharts.dataSet(data, 5_000));
 * show(ExperimentCharts.precisionRecall(Map.of("FL", flCurve, "CE", ceCurve)));
 * }</pre>
 */
public final class ExperimentCharts {

    private ExperimentCharts() {
    }

    /**
     * A scatter plot of the training split: every positive and hard negative, and a sample of the easy
     * negatives (there are too many to draw).
     *
     * @param data the data set
     * @param easyShown how many easy negatives to draw, at least 0
     * @return the figure
     * @throws InvalidArgumentException if easyShown &lt; 0
     */
    public static Figure dataSet(DetectionData.DataSet data, int easyShown) {
        Check.atLeast("easyShown", easyShown, 0);
        DetectionData.Split s = data.train();
        int easy = s.count(DetectionData.EASY_NEGATIVE);
        int every = Math.max(1, easy / Math.max(1, easyShown));
        List<Double>[] xs = lists();
        List<Double>[] ys = lists();
        int seenEasy = 0;
        for (int i = 0; i < s.size(); i++) {
            byte k = s.kind()[i];
            if (k == DetectionData.EASY_NEGATIVE && (seenEasy++ % every != 0 || xs[2].size() >= easyShown)) {
                continue;
            }
            xs[k].add(s.x()[2 * i]);
            ys[k].add(s.x()[2 * i + 1]);
        }
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.WIDTH - 40)
                .title("The training set: positives, hard and easy negatives").xAxisTitle("x₁").yAxisTitle("x₂")
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisMin(-1.0).setXAxisMax(1.0).setYAxisMin(-1.0).setYAxisMax(1.0);
        String[] names = {"positives (" + s.positives() + ")",
            "hard negatives (" + s.count(DetectionData.HARD_NEGATIVE) + ")",
            "easy negatives (" + xs[2].size() + " of " + easy + " drawn)"};
        Color[] colours = {ChartStyle.color(4), ChartStyle.color(0), new Color(0xB0, 0xB0, 0xB0)};
        for (int k = 2; k >= 0; k--) {
            if (xs[k].isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(names[k], xs[k], ys[k]);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(colours[k]);
        }
        String description = "Scatter plot of the training set in the box [−1, 1]²: " + s.positives()
                + " positives in " + data.config().clusters() + " small clusters, each ringed by hard negatives ("
                + s.count(DetectionData.HARD_NEGATIVE) + " in all), and " + xs[2].size() + " of the " + easy
                + " easy negatives, which fill the rest of the box but stay at least "
                + Fmt.trimmed(data.config().clearance(), 3) + " away from every cluster centre.";
        return new Figure(chart, description);
    }

    @SuppressWarnings("unchecked")
    private static List<Double>[] lists() {
        return new List[] {new ArrayList<Double>(), new ArrayList<Double>(), new ArrayList<Double>()};
    }

    /**
     * Precision–recall curves on one chart, drawn as steps (the curve AP integrates).
     *
     * @param curves name → curve, in legend order (e.g. "FL (γ = 2, α = 0.25), AP 0.30")
     * @return the figure
     * @throws InvalidArgumentException if there is no curve
     */
    public static Figure precisionRecall(Map<String, AveragePrecision.Curve> curves) {
        if (curves.isEmpty()) {
            throw new InvalidArgumentException("curves are empty: give at least one precision-recall curve");
        }
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Precision against recall on the test set").xAxisTitle("recall").yAxisTitle("precision")
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0.0#");
        int i = 0;
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, AveragePrecision.Curve> e : curves.entrySet()) {
            AveragePrecision.Curve c = e.getValue().thinned(400);
            // steps: each precision holds from the previous recall up to its own
            double[] r = new double[2 * c.size()];
            double[] p = new double[2 * c.size()];
            double previous = 0;
            for (int k = 0; k < c.size(); k++) {
                r[2 * k] = previous;
                p[2 * k] = c.precision()[k];
                r[2 * k + 1] = c.recall()[k];
                p[2 * k + 1] = c.precision()[k];
                previous = c.recall()[k];
            }
            XYSeries s = chart.addSeries(e.getKey(), r, p);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(ChartStyle.color(i++));
            s.setLineStyle(ChartStyle.stroke());
            parts.add(e.getKey() + " (AP " + Fmt.fixed(e.getValue().averagePrecision(), 3) + ")");
        }
        return new Figure(chart, "Step chart of precision against recall on the test set for " + String.join(", ", parts)
                + "; the area under each step curve is its average precision.");
    }

    /**
     * The paper's Fig. 4 for one class: the cumulative normalised loss against the fraction of examples,
     * one curve per γ.
     *
     * @param curves the curves of one class, e.g. for γ = 0, 0.5, 1, 2
     * @param positives whether the curves are of positives (for the title)
     * @return the figure
     * @throws InvalidArgumentException if there is no curve
     */
    public static Figure lossCdf(List<LossCdf> curves, boolean positives) {
        if (curves.isEmpty()) {
            throw new InvalidArgumentException("curves are empty: give at least one loss distribution");
        }
        String what = positives ? "positives" : "negatives";
        XYChart chart = new XYChartBuilder().width(560).height(380)
                .title("Cumulative loss of the " + what + " (cf. paper, Fig. 4)")
                .xAxisTitle("fraction of " + what + " (sorted by loss)").yAxisTitle("cumulative normalised loss")
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0.0#");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        List<String> parts = new ArrayList<>();
        int i = 0;
        for (LossCdf c : curves) {
            LossCdf t = c.thinned(300);
            XYSeries s = chart.addSeries("γ = " + Fmt.trimmed(c.gamma(), 3), t.fraction(), t.cumulative());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(ChartStyle.color(i++));
            s.setLineStyle(ChartStyle.stroke());
            parts.add("γ = " + Fmt.trimmed(c.gamma(), 3) + ": the hardest 10 % carry "
                    + Fmt.fixed(100 * c.shareOfHardest(0.1), 1) + " %");
        }
        return new Figure(chart, "Line chart of the cumulative share of the total loss of the " + what
                + " against the fraction of " + what + " sorted from the smallest loss to the largest; "
                + String.join("; ", parts) + ".");
    }

    /**
     * AP against a swept parameter, one line per series (e.g. one per α over γ, or one per loss over
     * model size), with the data set's Bayes-optimal AP as a dashed ceiling when given.
     *
     * @param title the title
     * @param xTitle the x axis title
     * @param x the swept values
     * @param series name → AP at each x, in legend order
     * @param ceiling the Bayes-optimal AP, or NaN for none
     * @return the figure
     * @throws InvalidArgumentException if there is no series or a series' length differs from x's
     */
    public static Figure sweep(String title, String xTitle, double[] x, Map<String, double[]> series, double ceiling) {
        if (series.isEmpty()) {
            throw new InvalidArgumentException("series are empty: give at least one line of AP values");
        }
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle("AP on the test set").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Map<String, double[]> ordered = new LinkedHashMap<>(series);
        List<String> parts = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, double[]> e : ordered.entrySet()) {
            Check.sameLength("series \"" + e.getKey() + "\"", e.getValue().length, x.length);
            XYSeries s = chart.addSeries(e.getKey(), x, e.getValue());
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(ChartStyle.color(i));
            s.setMarkerColor(ChartStyle.color(i++));
            s.setLineStyle(ChartStyle.stroke());
            List<String> values = new ArrayList<>();
            for (double v : e.getValue()) {
                values.add(Fmt.fixed(v, 3));
            }
            parts.add(e.getKey() + " " + String.join(", ", values));
        }
        if (!Double.isNaN(ceiling)) {
            XYSeries s = chart.addSeries("Bayes-optimal AP", new double[] {x[0], x[x.length - 1]},
                    new double[] {ceiling, ceiling});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(ChartStyle.REFERENCE);
            s.setLineStyle(ChartStyle.referenceStroke());
            parts.add("Bayes-optimal AP " + Fmt.fixed(ceiling, 3));
        }
        List<String> xs = new ArrayList<>();
        for (double v : x) {
            xs.add(Fmt.trimmed(v, 3));
        }
        return new Figure(chart, "Line chart of AP on the test set against " + xTitle + " (" + String.join(", ", xs)
                + "): " + String.join("; ", parts) + ".");
    }
}
