package org.focalloss.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.Styler;

/**
 * One readable style for every chart: the Okabe–Ito colour-blind-safe palette, cross-entropy as a thin
 * black reference line, white background, light grid, a legend, and a sans-serif font large enough to
 * read in a notebook.
 */
public final class ChartStyle {

    /** Okabe and Ito (2008): distinguishable under the common colour-vision deficiencies. */
    public static final Color[] PALETTE = {
        new Color(0xE6, 0x9F, 0x00), // orange
        new Color(0x56, 0xB4, 0xE9), // sky blue
        new Color(0x00, 0x9E, 0x73), // bluish green
        new Color(0x00, 0x72, 0xB2), // blue
        new Color(0xD5, 0x5E, 0x00), // vermillion
        new Color(0xCC, 0x79, 0xA7), // reddish purple
        new Color(0xF0, 0xE4, 0x42), // yellow
    };

    /** Cross-entropy, the reference curve: black. */
    public static final Color REFERENCE = Color.BLACK;

    /** Default width in pixels. */
    public static final int WIDTH = 720;
    /** Default height in pixels. */
    public static final int HEIGHT = 440;

    private static final float LINE = 2.2f;

    private ChartStyle() {
    }

    /**
     * @param i series index
     * @return its colour
     */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /**
     * The stroke of every curve: solid. (XChart draws a series segment by segment, which restarts a dash
     * pattern at every sample, so dashed curves would render solid anyway; colours and the legend tell
     * the curves apart.)
     *
     * @return the stroke
     */
    public static BasicStroke stroke() {
        return new BasicStroke(LINE, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /**
     * @return the stroke of the reference (CE) curve: thinner, drawn in black
     */
    public static BasicStroke referenceStroke() {
        return new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /**
     * @param styler a chart's styler; receives the common settings
     */
    public static void apply(Styler styler) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
        styler.setChartTitleFont(font.deriveFont(Font.BOLD, 15f));
        styler.setChartTitleBoxVisible(false);
        styler.setLegendFont(font);
        styler.setLegendBorderColor(new Color(0xCC, 0xCC, 0xCC));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setLegendVisible(true);
        styler.setSeriesColors(PALETTE);
        styler.setAntiAlias(true);
        styler.setChartPadding(12);
    }
}
