package org.focalloss.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.focalloss.core.Check;
import org.focalloss.core.FocalLoss;
import org.focalloss.core.Fmt;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.curves.FocalCurves;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

/**
 * The builder tier for charts over p_t: focal loss, the modulator or the gradient, for any list of γ,
 * with or without cross-entropy underneath. {@link FocalCharts} has the one-line versions. The builder
 * chooses what is drawn; {@link Figure} then restyles it (title, axis titles, labels, colours, size,
 * scale). There is one way to get a chart: {@code PtChart.builder()…build()} returns the {@link Figure}.
 *
 * <pre>{@code
 * Figure f = PtChart.builder().quantity(PtChart.Quantity.LOSS).gammas(0.5, 2).crossEntropy(true)
 *         .yCeiling(4).build()
 *         .title("Two focal losses").labels("cross-entropy", "FL, γ = 0.5", "FL, γ = 2").size(800, 500);
 * }</pre>
 *
 * <p>Cross-entropy is drawn once: when γ = 0 is among the γ values (and α = 1 for loss charts) that curve
 * <em>is</em> CE, so it is labelled "γ = 0 (CE)" and no second, hidden CE line is added. Only the paper's
 * γ set {0, 0.5, 1, 2, 5} without CE, α = 1 and ceiling 5 gets the default title "(paper, Fig. 1)".
 */
public final class PtChart {

    /** Which function of p_t to draw. */
    public enum Quantity {
        /** FL(p_t) = −(1 − p_t)^γ·log p_t (times α). */
        LOSS,
        /** The modulating factor (1 − p_t)^γ on a fixed 0..1 axis. */
        MODULATOR,
        /** dFL/dx_t, the gradient with respect to the true class's logit. */
        GRADIENT
    }

    /** The x-axis title of every chart over p_t. */
    public static final String X_AXIS = "p_t (probability of the true class)";

    private final Quantity quantity;
    private final double[] gammas;
    private final boolean crossEntropy;
    private final double yCeiling;
    private final double alpha;
    private final int width;
    private final int height;
    private final String title;

    private PtChart(Builder b) {
        this.quantity = b.quantity;
        this.gammas = b.gammas.clone();
        this.crossEntropy = b.crossEntropy;
        this.yCeiling = b.yCeiling;
        this.alpha = b.alpha;
        this.width = b.width;
        this.height = b.height;
        this.title = b.title;
    }

    /**
     * @return a builder: focal loss for γ = 2 with CE underneath, y ceiling 5, 720 × 440
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param gamma γ
     * @return its legend label, e.g. {@code "γ = 2"}
     */
    public static String label(double gamma) {
        return "γ = " + Fmt.trimmed(gamma, 3);
    }

    /** The title of the paper's Fig. 1, given only to exactly that figure. */
    public static final String FIGURE1_TITLE = "Focal loss against p_t (paper, Fig. 1)";

    /**
     * @param gammas γ values
     * @return whether they are the paper's Fig. 1 set {0, 0.5, 1, 2, 5}, in this order
     */
    public static boolean isFigure1(double... gammas) {
        return java.util.Arrays.equals(gammas, FocalCharts.FIGURE1_GAMMAS);
    }

    private boolean ceCurve(double g) {
        return g == 0 && (quantity == Quantity.GRADIENT || (quantity == Quantity.LOSS && alpha == 1));
    }

    private Figure render() {
        FocalCurves.PtCurves.Builder curves = FocalCurves.PtCurves.builder().gammas(gammas).alpha(alpha)
                .yCeiling(quantity == Quantity.LOSS ? yCeiling : Double.POSITIVE_INFINITY)
                .modulator(quantity == Quantity.MODULATOR).gradient(quantity == Quantity.GRADIENT);
        Table table = FocalCurves.overPt(curves.build());
        double[] pt = table.doubleColumn(FocalCurves.PT).asDoubleArray();

        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT).title(title != null ? title : defaultTitle())
                .xAxisTitle(X_AXIS).yAxisTitle(yAxisTitle()).build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
        switch (quantity) {
            case LOSS -> chart.getStyler().setYAxisMin(0.0).setYAxisMax(yCeiling);
            case MODULATOR -> {
                chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
                chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
            }
            case GRADIENT -> {
                double min = -1;
                for (String name : FocalCurves.curveColumns(table)) {
                    min = Math.min(min, table.doubleColumn(name).min());
                }
                chart.getStyler().setYAxisMin(Math.floor(min * 10 - 0.5) / 10).setYAxisMax(0.0);
                chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
            }
            default -> throw new AssertionError(quantity);
        }

        boolean gammaZeroIsCe = false;
        for (double g : gammas) {
            gammaZeroIsCe |= ceCurve(g);
        }
        boolean drawCe = crossEntropy && quantity != Quantity.MODULATOR && !gammaZeroIsCe;
        if (drawCe) {
            String column = quantity == Quantity.LOSS ? FocalCurves.CE : FocalCurves.CE_GRADIENT;
            XYSeries s = chart.addSeries("CE", pt, table.doubleColumn(column).asDoubleArray());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(ChartStyle.REFERENCE);
            s.setLineStyle(ChartStyle.referenceStroke());
        }
        for (int i = 0; i < gammas.length; i++) {
            double g = gammas[i];
            String column = switch (quantity) {
                case LOSS -> FocalCurves.flColumn(g);
                case MODULATOR -> FocalCurves.modulatorColumn(g);
                case GRADIENT -> FocalCurves.gradientColumn(g);
            };
            String label = label(g) + (ceCurve(g) ? " (CE)" : "");
            XYSeries s = chart.addSeries(label, pt, table.doubleColumn(column).asDoubleArray());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(ChartStyle.color(i));
            s.setLineStyle(ChartStyle.stroke());
        }
        return new Figure(chart, describe(drawCe)).size(width, height);
    }

    private String defaultTitle() {
        return switch (quantity) {
            case LOSS -> gammas.length == 1 ? "Focal loss, " + label(gammas[0])
                    + (crossEntropy && gammas[0] != 0 ? ", with cross-entropy" : "")
                    : !crossEntropy && alpha == 1 && yCeiling == 5 && isFigure1(gammas) ? FIGURE1_TITLE
                    : "Focal loss against p_t for " + gammaList();
            case MODULATOR -> "Modulating factor (1 − p_t)^γ";
            case GRADIENT -> "Gradient dFL/dx_t";
        };
    }

    private String yAxisTitle() {
        return switch (quantity) {
            case LOSS -> "loss";
            case MODULATOR -> "(1 − p_t)^γ";
            case GRADIENT -> "dFL/dx_t";
        };
    }

    private String gammaList() {
        List<String> parts = new ArrayList<>();
        for (double g : gammas) {
            parts.add(Fmt.trimmed(g, 3));
        }
        if (parts.size() == 1) {
            return "γ = " + parts.get(0);
        }
        return "γ = " + String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private String describe(boolean drawCe) {
        double pt = 0.9;
        StringBuilder s = new StringBuilder();
        switch (quantity) {
            case LOSS -> {
                s.append("Line chart of focal loss against p_t from 0 to 1 for ").append(gammaList());
                if (drawCe) {
                    s.append(", with cross-entropy (CE)");
                }
                if (alpha != 1) {
                    s.append(", FL weighted by α = ").append(Fmt.trimmed(alpha, 3));
                }
                s.append(". Every curve falls to 0 at p_t = 1; the larger γ, the faster well-classified examples"
                        + " lose their loss. At p_t = 0.9 CE is ").append(Fmt.value(FocalLoss.crossEntropy(pt)));
                for (double g : gammas) {
                    s.append(", FL with ").append(label(g)).append(" is ")
                            .append(Fmt.value(alpha * FocalLoss.loss(pt, g)));
                }
                s.append(". Values above ").append(Fmt.trimmed(yCeiling, 3)).append(" are cut off.");
            }
            case MODULATOR -> {
                s.append("Line chart of the modulating factor (1 − p_t)^γ on a 0 to 1 axis for ").append(gammaList())
                        .append(". It is 1 at p_t = 0 and 0 at p_t = 1; at p_t = 0.9 it is ");
                List<String> parts = new ArrayList<>();
                for (double g : gammas) {
                    parts.add(Fmt.value(FocalLoss.modulator(pt, g)) + " for " + label(g));
                }
                s.append(String.join(", ", parts)).append('.');
            }
            case GRADIENT -> {
                s.append("Line chart of the gradient dFL/dx_t against p_t for ").append(gammaList());
                if (drawCe) {
                    s.append(", with CE's gradient p_t − 1");
                }
                s.append(". All are finite, near −1 for hard examples and 0 at p_t = 1; at p_t = 0.9 the gradient is ");
                List<String> parts = new ArrayList<>();
                for (double g : gammas) {
                    parts.add(Fmt.value(FocalLoss.logitGradient(pt, g)) + " for " + label(g));
                }
                s.append(String.join(", ", parts)).append('.');
            }
            default -> throw new AssertionError(quantity);
        }
        return s.toString();
    }

    /** Builder for {@link PtChart}. */
    public static final class Builder {
        private Quantity quantity = Quantity.LOSS;
        private double[] gammas = {2};
        private boolean crossEntropy = true;
        private double yCeiling = 5;
        private double alpha = 1;
        private int width = ChartStyle.WIDTH;
        private int height = ChartStyle.HEIGHT;
        private String title;

        private Builder() {
        }

        /**
         * @param value what to draw
         * @return this builder
         */
        public Builder quantity(Quantity value) {
            quantity = Objects.requireNonNull(value, "quantity");
            return this;
        }

        /**
         * @param values γ values, each ≥ 0
         * @return this builder
         */
        public Builder gammas(double... values) {
            gammas = values.clone();
            return this;
        }

        /**
         * @param value whether to draw cross-entropy underneath
         * @return this builder
         */
        public Builder crossEntropy(boolean value) {
            crossEntropy = value;
            return this;
        }

        /**
         * @param value the top of the y axis for loss charts; higher values are cut off
         * @return this builder
         */
        public Builder yCeiling(double value) {
            yCeiling = value;
            return this;
        }

        /**
         * @param value α_t multiplying FL
         * @return this builder
         */
        public Builder alpha(double value) {
            alpha = value;
            return this;
        }

        /**
         * @param w width in pixels
         * @param h height in pixels
         * @return this builder
         */
        public Builder size(int w, int h) {
            width = w;
            height = h;
            return this;
        }

        /**
         * @param value the title; null for the default (the paper's Fig. 1 title only for exactly that figure)
         * @return this builder
         */
        public Builder title(String value) {
            title = value;
            return this;
        }

        /**
         * @return the chart and its description
         * @throws InvalidArgumentException if a γ, α, the ceiling or the size is out of range, or a γ is repeated
         */
        public Figure build() {
            Check.gammas(gammas);
            for (int i = 0; i < gammas.length; i++) {
                for (int j = 0; j < i; j++) {
                    if (gammas[i] == gammas[j]) {
                        throw new InvalidArgumentException("gamma = " + Fmt.plain(gammas[i])
                                + " is given twice: each curve needs its own γ");
                    }
                }
            }
            Check.alpha(alpha);
            Check.positive("y ceiling", yCeiling);
            Check.atLeast("width", width, 100);
            Check.atLeast("height", height, 80);
            return new PtChart(this).render();
        }
    }
}
