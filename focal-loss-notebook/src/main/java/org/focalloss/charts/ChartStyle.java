package org.focalloss.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * One readable style for every chart, and the one place that says how a chart looks: the Okabe–Ito
 * colour-blind-safe palette, cross-entropy as a thin black reference line, white background, light grid,
 * a legend, and a sans-serif font large enough to read in a notebook. The chart descriptions name the
 * styles through {@link #colorName(Color)} and {@link #isReference}, so prose never has to guess them.
 *
 * <p>Fonts, strokes, paddings and the spacing of tick marks grow with the chart: a chart of
 * {@code k}-times the default size ({@value #WIDTH} × {@value #HEIGHT}, taking the smaller of the two
 * ratios, at least 1) is drawn with {@code k}-times larger text and lines, so a large chart for slides
 * looks like an enlarged default chart instead of a tiny one on a large canvas.
 */
public final class ChartStyle {

    /** Okabe and Ito (2008): distinguishable under the common colour-vision deficiencies. */
    private static final Color[] PALETTE = {
        new Color(0xE6, 0x9F, 0x00), // orange
        new Color(0x56, 0xB4, 0xE9), // sky blue
        new Color(0x00, 0x9E, 0x73), // bluish green
        new Color(0x00, 0x72, 0xB2), // blue
        new Color(0xD5, 0x5E, 0x00), // vermillion
        new Color(0xCC, 0x79, 0xA7), // reddish purple
        new Color(0xF0, 0xE4, 0x42), // yellow
    };

    private static final String[] PALETTE_NAMES = {
        "orange", "sky blue", "bluish green", "blue", "vermillion", "reddish purple", "yellow",
    };

    /** Cross-entropy, the reference curve: black. */
    public static final Color REFERENCE = Color.BLACK;

    /** Default width in pixels (CSS pixels when displayed; see {@link Figure#scale(double)}). */
    public static final int WIDTH = 720;
    /** Default height in pixels. */
    public static final int HEIGHT = 440;

    /** Width of a curve at the default size. */
    static final float LINE = 2.2f;
    /** Width of the reference (CE) curve at the default size. */
    static final float REFERENCE_LINE = 1.5f;
    /** Font size of legend, tick labels and axis titles at the default size. */
    static final float FONT = 13f;
    /** Font size of the title at the default size. */
    static final float TITLE_FONT = 15f;
    /** Distance between tick marks XChart aims for, at the default size. */
    static final int TICK_SPACING = 74;

    private ChartStyle() {
    }

    /**
     * @return a copy of the palette, in the order series receive its colours
     */
    public static Color[] palette() {
        return PALETTE.clone();
    }

    /**
     * @param i series index
     * @return its colour
     */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /**
     * The name of a colour as the descriptions print it: the palette's names ("orange", "sky blue", …),
     * "black", "white", "grey", or {@code #rrggbb} for any other colour.
     *
     * @param c a colour
     * @return its name
     */
    public static String colorName(Color c) {
        for (int i = 0; i < PALETTE.length; i++) {
            if (PALETTE[i].getRGB() == c.getRGB()) {
                return PALETTE_NAMES[i];
            }
        }
        int rgb = c.getRGB() & 0xFFFFFF;
        return switch (rgb) {
            case 0x000000 -> "black";
            case 0xFFFFFF -> "white";
            case 0x808080 -> "grey";
            case 0xFF0000 -> "red";
            case 0x00FF00 -> "green";
            case 0x0000FF -> "blue";
            default -> String.format(Locale.ROOT, "#%06x", rgb);
        };
    }

    /**
     * How much larger than the default text and lines are drawn at a chart size.
     *
     * @param width chart width
     * @param height chart height
     * @return min(width / {@value #WIDTH}, height / {@value #HEIGHT}), at least 1
     */
    public static double sizeFactor(int width, int height) {
        return Math.max(1, Math.min(width / (double) WIDTH, height / (double) HEIGHT));
    }

    /**
     * The stroke of every curve: solid. (XChart draws a series segment by segment, which restarts a dash
     * pattern at every sample, so dashed curves would render solid anyway; colours and the legend tell
     * the curves apart.)
     *
     * @return the stroke at the default size
     */
    public static BasicStroke stroke() {
        return stroke(LINE);
    }

    /**
     * @return the stroke of the reference (CE) curve at the default size: thinner, drawn in black
     */
    public static BasicStroke referenceStroke() {
        return stroke(REFERENCE_LINE);
    }

    static BasicStroke stroke(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /**
     * @param color a series' colour
     * @param lineWidth its line width at the default size
     * @return whether it is drawn as the thin black reference line
     */
    static boolean isReference(Color color, float lineWidth) {
        return color.getRGB() == REFERENCE.getRGB() && lineWidth < LINE;
    }

    /**
     * @param styler a chart's styler; receives the common settings at the default size
     */
    public static void apply(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
        styler.setChartTitleBoxVisible(false);
        styler.setLegendBorderColor(new Color(0xCC, 0xCC, 0xCC));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setLegendVisible(true);
        styler.setSeriesColors(PALETTE);
        styler.setAntiAlias(true);
        if (styler instanceof AxesChartStyler a) {
            a.setPlotGridLinesColor(new Color(0xE5, 0xE5, 0xE5));
            // "0.05", never ".05"; at most two decimals, so no tick reads like "5.2000001"
            a.setXAxisDecimalPattern("0.##");
            a.setYAxisDecimalPattern("0.##");
            a.setLocale(Locale.ROOT);
        }
        size(styler, 1);
    }

    /**
     * Sets what grows with the chart's size: fonts, paddings, tick marks and their spacing.
     *
     * @param styler a chart's styler
     * @param k how much larger than at the default size ({@link #sizeFactor})
     */
    static void size(Styler styler, double k) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13).deriveFont((float) (FONT * k));
        styler.setChartTitleFont(font.deriveFont(Font.BOLD, (float) (TITLE_FONT * k)));
        styler.setChartTitlePadding((int) Math.round(5 * k));
        styler.setLegendFont(font);
        styler.setLegendPadding((int) Math.round(10 * k));
        styler.setLegendSeriesLineLength((int) Math.round(24 * k));
        styler.setChartPadding((int) Math.round(12 * k));
        if (styler instanceof AxesChartStyler a) {
            a.setAxisTitleFont(font);
            a.setAxisTickLabelsFont(font.deriveFont((float) (12 * k)));
            a.setAxisTickMarkLength((int) Math.round(3 * k));
            a.setAxisTickPadding((int) Math.round(4 * k));
            a.setAxisTitlePadding((int) Math.round(10 * k));
            a.setPlotMargin((int) Math.round(3 * k));
            a.setXAxisTickMarkSpacingHint((int) Math.round(TICK_SPACING * k));
            a.setYAxisTickMarkSpacingHint((int) Math.round(TICK_SPACING * k));
            a.setAxisTickMarksStroke(new BasicStroke((float) k));
            a.setPlotGridLinesStroke(new BasicStroke((float) k));
        }
    }
}
