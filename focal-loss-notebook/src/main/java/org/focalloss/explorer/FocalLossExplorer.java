package org.focalloss.explorer;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;
import org.focalloss.core.Check;
import org.focalloss.core.FocalLoss;
import org.focalloss.core.Fmt;
import org.focalloss.core.Headline;
import org.focalloss.core.InvalidArgumentException;

/**
 * The interactive focal-loss explorer: one self-contained HTML fragment (inline SVG, a little CSS and a
 * small script; no network, no CDN) in which a reader drags γ and watches easy examples (right of the
 * chart) collapse toward zero loss while hard ones (left) keep nearly full weight.
 *
 * <ul>
 *   <li>The chart: FL over p_t ∈ (0, 1] with CE underneath (dashed), log(max(p_t, 10⁻¹⁰)) at the left
 *       edge and clean breaks above the y ceiling; optionally the modulator (1 − p_t)^γ on a fixed 0..1
 *       axis below it.</li>
 *   <li>A native {@code <input type="range">}, so the keyboard works (arrows, Page Up/Down, Home/End). In
 *       JupyterLab too: the slider carries {@code data-lm-suppress-shortcuts}, so while it has the focus
 *       Lumino runs none of the notebook's shortcuts (command mode binds the arrows to moving between
 *       cells); Tab and Shift+Tab leave it as usual.</li>
 *   <li>The headline in an {@code aria-live="polite"} element; the chart wrapped in {@code role="figure"}
 *       with {@code aria-describedby} pointing at it.</li>
 *   <li>Smooth reshaping while dragging; an instant snap under {@code prefers-reduced-motion: reduce}.</li>
 *   <li>Uncontrolled (the slider drives γ) or controlled (the slider only fires a {@code gammachange}
 *       event and the host sets γ with {@code element.focalExplorer.setGamma(g)}).</li>
 *   <li>Where scripts do not run (GitHub's notebook view, an untrusted notebook), the fragment shows a
 *       picture of the initial state (an image, with alt text) and its headline; the live markup exists
 *       only inside the script (see {@link UpgradableHtml}).</li>
 * </ul>
 *
 * <pre>{@code
 * FocalLossExplorer e = FocalLossExplorer.builder().gamma(2).gammaRange(0, 8).showModulator(true).build();
 * String html = e.toHtml();
 * e.save(Path.of("explorer.html"));   // a standalone page
 * }</pre>
 */
public final class FocalLossExplorer {

    /** Samples per curve (the script uses the same number). */
    static final int SAMPLES = 200;

    private static final AtomicInteger COUNTER = new AtomicInteger();

    // Geometry, in SVG user units; the script reads the plot boxes from data attributes.
    private static final int WIDTH = 640;
    private static final int LEFT = 56;
    private static final int PLOT_WIDTH = 564;
    private static final int CHART_TOP = 30;
    private static final int CHART_HEIGHT = 250;
    private static final int CHART_VIEW_HEIGHT = 336;
    private static final int SUB_TOP = 12;
    private static final int SUB_HEIGHT = 84;
    private static final int SUB_VIEW_HEIGHT = 142;
    private static final int HEADLINE_HEIGHT = 44;

    private final double gamma;
    private final double gammaMin;
    private final double gammaMax;
    private final double step;
    private final boolean showModulator;
    private final boolean controlled;
    private final double yCeiling;
    private final double headlinePt;
    private final String title;
    private final String id;

    private FocalLossExplorer(Builder b) {
        this.gamma = b.gamma;
        this.gammaMin = b.gammaMin;
        this.gammaMax = b.gammaMax;
        this.step = b.step;
        this.showModulator = b.showModulator;
        this.controlled = b.controlled;
        this.yCeiling = b.yCeiling;
        this.headlinePt = b.headlinePt;
        this.title = b.title;
        // Deterministic (re-running a notebook gives the same output); the script makes ids unique in a page.
        String key = gamma + "|" + gammaMin + "|" + gammaMax + "|" + step + "|" + showModulator + "|" + controlled
                + "|" + yCeiling + "|" + headlinePt + "|" + title + "|" + COUNTER.incrementAndGet();
        this.id = "fle-" + Integer.toHexString(key.hashCode() & 0x7fffffff);
    }

    /**
     * @return a builder: γ = 2, range [0, 5], step 0.05, no modulator subplot, y ceiling 5, headline at p_t = 0.9
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default explorer with the given initial γ.
     *
     * @param gamma initial γ in [0, 5]
     * @return the explorer
     * @throws InvalidArgumentException if γ is outside [0, 5]
     */
    public static FocalLossExplorer of(double gamma) {
        return builder().gamma(gamma).build();
    }

    /**
     * @return the initial γ
     */
    public double gamma() {
        return gamma;
    }

    /**
     * @return the element id of this explorer's root
     */
    public String id() {
        return id;
    }

    /**
     * @return the headline of the initial state
     */
    public String headline() {
        return Headline.sentence(gamma, headlinePt);
    }

    /**
     * @return a plain-text description of the explorer's initial state, usable as alt text
     */
    public String description() {
        return "Interactive chart of focal loss against p_t with cross-entropy underneath"
                + (showModulator ? " and the modulating factor (1 − p_t)^γ below" : "") + "; a slider sets γ from "
                + Fmt.trimmed(gammaMin, 3) + " to " + Fmt.trimmed(gammaMax, 3) + ". " + headline();
    }

    /**
     * @return the text alternative of {@link #pictureSvg()}: what the static picture shows
     */
    public String pictureDescription() {
        return title + " at γ = " + Fmt.fixed(gamma, 2) + ": the focal loss (orange) and the cross-entropy (dashed "
                + "grey) for p_t from 0 (hard examples) to 1 (easy examples), loss axis 0 to " + Fmt.trimmed(yCeiling, 3)
                + (showModulator ? "; below, the modulating factor (1 − p_t)^γ (blue) from 1 down to 0" : "") + ".";
    }

    /**
     * The HTML fragment, built by {@link UpgradableHtml}: where HTML is shown but scripts do not run (an
     * untrusted notebook in JupyterLab, GitHub's notebook view), a static picture of the initial state (an
     * {@code <img>} of {@link #pictureSvg()} with {@link #description()} as its alt text) and the headline as
     * text; where scripts run (a trusted notebook, nbconvert's HTML, the standalone page), its script replaces
     * that picture with the live chart (inline SVG), the slider and the headline in an {@code aria-live}
     * region, and mounts the explorer. Every text placed in it is HTML-escaped.
     *
     * @return the fragment
     */
    public String toHtml() {
        return widget().toHtml();
    }

    /** The fragment's parts: root attributes, static picture and headline, live markup and the script. */
    UpgradableHtml widget() {
        int height = CHART_VIEW_HEIGHT + (showModulator ? SUB_VIEW_HEIGHT : 0);
        String staticText = "<p class=\"fle-headline\" style=\"margin: 0.3em 0 0 56px; font-size: 14px; "
                + "line-height: 1.4\">" + escape(headline()) + "</p><p class=\"fle-note\" style=\"margin: 0.2em 0 0 "
                + "56px; font-size: 12px; font-style: italic\">A static picture of γ = " + Fmt.fixed(gamma, 2)
                + ": run the cell to move γ with the slider.</p>";
        return UpgradableHtml.builder("fle").id(id).data("gamma", num(gamma)).data("ceiling", num(yCeiling))
                .data("samples", Integer.toString(SAMPLES)).data("pt", num(headlinePt))
                .data("controlled", Boolean.toString(controlled))
                .staticSvg(pictureSvg(), pictureDescription(), WIDTH, height)
                .staticHtml(staticText)
                .liveHtml(liveMarkup())
                .script(resource("explorer.js"))
                .build();
    }

    /** The interactive markup the script puts in place: CSS, the figure, the slider and the live headline. */
    String liveMarkup() {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<style>").append(resource("explorer.css")).append("</style>\n");
        h.append("<figure role=\"figure\" aria-describedby=\"").append(id).append("-headline\" aria-label=\"")
                .append(escape(title)).append("\">\n");
        h.append(chartSvg()).append('\n');
        if (showModulator) {
            h.append(modulatorSvg()).append('\n');
        }
        h.append("</figure>\n");
        // data-lm-suppress-shortcuts: JupyterLab (Lumino's CommandRegistry) invokes no keyboard shortcut for a
        // keydown whose target is inside an element with this attribute, so the arrow keys move the slider
        // instead of the notebook's cell selection (command mode binds them to notebook:move-cursor-*).
        h.append("<div class=\"fle-controls\"><label for=\"").append(id).append("-gamma\">γ (focusing parameter)</label>")
                .append("<input type=\"range\" id=\"").append(id).append("-gamma\" min=\"").append(num(gammaMin))
                .append("\" max=\"").append(num(gammaMax)).append("\" step=\"").append(num(step)).append("\" value=\"")
                .append(num(gamma)).append("\" aria-valuetext=\"γ = ").append(Fmt.fixed(gamma, 2))
                .append("\" data-lm-suppress-shortcuts=\"true\">")
                .append("<output for=\"").append(id).append("-gamma\">").append(Fmt.fixed(gamma, 2))
                .append("</output></div>\n");
        h.append("<p class=\"fle-headline\" id=\"").append(id).append("-headline\" aria-live=\"polite\">")
                .append(escape(headline())).append("</p>\n");
        return h.toString();
    }

    /**
     * @return a complete HTML page containing the explorer
     */
    public String toPage() {
        return Resources.page(title, toHtml());
    }

    /**
     * The static picture of the initial state (chart and, if shown, the modulator) as one SVG document with
     * the headline at the bottom, for places where HTML is not rendered ({@code image/svg+xml}).
     *
     * @return an SVG document
     */
    public String toSvg() {
        return svgDocument(true);
    }

    /**
     * The picture the HTML fragment shows before (or without) its script: {@link #toSvg()} without the
     * headline, which the fragment shows as text below it.
     *
     * @return an SVG document
     */
    public String pictureSvg() {
        return svgDocument(false);
    }

    private String svgDocument(boolean withHeadline) {
        int height = CHART_VIEW_HEIGHT + (showModulator ? SUB_VIEW_HEIGHT : 0) + (withHeadline ? HEADLINE_HEIGHT : 0);
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + WIDTH + " "
                + height + "\" width=\"" + WIDTH + "\" height=\"" + height + "\" font-family=\"sans-serif\">"
                + "<style>text{fill:#222;font-size:12px}.fle-title{font-size:14px;font-weight:600}"
                + ".fle-axis{stroke:#666;fill:none}.fle-grid{stroke:#ddd;stroke-width:0.5}"
                + ".fle-ce{stroke:#7a7a7a;stroke-width:1.8;stroke-dasharray:6 4;fill:none}"
                + ".fle-fl{stroke:#E69F00;stroke-width:2.6;fill:none}.fle-mod-curve{stroke:#0072B2;stroke-width:2.2;"
                + "fill:none}</style><rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        s.append(inner(chartSvg()));
        if (showModulator) {
            s.append("<g transform=\"translate(0 ").append(CHART_VIEW_HEIGHT).append(")\">").append(inner(modulatorSvg()))
                    .append("</g>");
        }
        if (withHeadline) {
            // two lines (the γ sentence, then the rest), so the longest headline fits the 640-unit width
            String text = headline();
            int cut = text.indexOf(". ");
            String[] lines = cut < 0 ? new String[] {text} : new String[] {text.substring(0, cut + 1), text.substring(cut + 2)};
            for (int i = 0; i < lines.length; i++) {
                s.append("<text x=\"").append(LEFT).append("\" y=\"").append(height - HEADLINE_HEIGHT + 16 + 17 * i)
                        .append("\">").append(escape(lines[i])).append("</text>");
            }
        }
        return s.append("</svg>").toString();
    }

    /**
     * Saves the explorer as a standalone HTML page, through a temporary file.
     *
     * @param path the file
     * @return the path
     * @throws UncheckedIOException if the file cannot be written
     */
    public Path save(Path path) {
        return Resources.save(path, toPage());
    }

    @Override
    public String toString() {
        return description();
    }

    // ---------------------------------------------------------------- SVG

    private String chartSvg() {
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"fle-chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(CHART_VIEW_HEIGHT)
                .append("\" data-left=\"").append(LEFT).append("\" data-top=\"").append(CHART_TOP)
                .append("\" data-width=\"").append(PLOT_WIDTH).append("\" data-height=\"").append(CHART_HEIGHT)
                .append("\" aria-hidden=\"true\" focusable=\"false\">");
        s.append("<text class=\"fle-title\" x=\"").append(LEFT).append("\" y=\"16\">").append(escape(title))
                .append("</text>");
        double yStep = niceStep(yCeiling);
        for (double y = 0; y <= yCeiling + 1e-9; y += yStep) {
            double py = CHART_TOP + CHART_HEIGHT * (1 - y / yCeiling);
            s.append("<line class=\"fle-grid\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_WIDTH)
                    .append("\" y1=\"").append(Fmt.fixed(py, 1)).append("\" y2=\"").append(Fmt.fixed(py, 1)).append("\"/>");
            s.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(Fmt.fixed(py + 4, 1))
                    .append("\" text-anchor=\"end\">").append(Fmt.trimmed(y, 2)).append("</text>");
        }
        xAxis(s, CHART_TOP + CHART_HEIGHT);
        s.append("<text x=\"14\" y=\"").append(CHART_TOP + CHART_HEIGHT / 2).append("\" transform=\"rotate(-90 14 ")
                .append(CHART_TOP + CHART_HEIGHT / 2).append(")\" text-anchor=\"middle\">loss</text>");
        s.append("<path class=\"fle-ce\" d=\"").append(path(FocalLoss::crossEntropy, CHART_TOP, CHART_HEIGHT, yCeiling, true))
                .append("\"/>");
        s.append("<path class=\"fle-fl\" d=\"").append(path(pt -> FocalLoss.loss(pt, gamma), CHART_TOP, CHART_HEIGHT,
                yCeiling, true)).append("\"/>");
        int lx = LEFT + PLOT_WIDTH - 150;
        s.append("<line class=\"fle-ce\" x1=\"").append(lx).append("\" x2=\"").append(lx + 26).append("\" y1=\"")
                .append(CHART_TOP + 12).append("\" y2=\"").append(CHART_TOP + 12).append("\"/><text x=\"").append(lx + 32)
                .append("\" y=\"").append(CHART_TOP + 16).append("\">CE (cross-entropy)</text>");
        s.append("<line class=\"fle-fl\" x1=\"").append(lx).append("\" x2=\"").append(lx + 26).append("\" y1=\"")
                .append(CHART_TOP + 32).append("\" y2=\"").append(CHART_TOP + 32).append("\"/><text class=\"fle-fl-label\" x=\"")
                .append(lx + 32).append("\" y=\"").append(CHART_TOP + 36).append("\">FL, γ = ").append(Fmt.fixed(gamma, 2))
                .append("</text>");
        s.append("</svg>");
        return s.toString();
    }

    private String modulatorSvg() {
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"fle-sub\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(SUB_VIEW_HEIGHT)
                .append("\" data-left=\"").append(LEFT).append("\" data-top=\"").append(SUB_TOP)
                .append("\" data-width=\"").append(PLOT_WIDTH).append("\" data-height=\"").append(SUB_HEIGHT)
                .append("\" aria-hidden=\"true\" focusable=\"false\">");
        for (double y = 0; y <= 1.0001; y += 0.5) {
            double py = SUB_TOP + SUB_HEIGHT * (1 - y);
            s.append("<line class=\"fle-grid\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_WIDTH)
                    .append("\" y1=\"").append(Fmt.fixed(py, 1)).append("\" y2=\"").append(Fmt.fixed(py, 1)).append("\"/>");
            s.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(Fmt.fixed(py + 4, 1))
                    .append("\" text-anchor=\"end\">").append(Fmt.trimmed(y, 1)).append("</text>");
        }
        xAxis(s, SUB_TOP + SUB_HEIGHT);
        s.append("<text x=\"14\" y=\"").append(SUB_TOP + SUB_HEIGHT / 2).append("\" transform=\"rotate(-90 14 ")
                .append(SUB_TOP + SUB_HEIGHT / 2).append(")\" text-anchor=\"middle\">(1−p_t)^γ</text>");
        s.append("<path class=\"fle-mod-curve\" d=\"").append(path(pt -> Math.pow(1 - pt, gamma), SUB_TOP, SUB_HEIGHT, 1,
                false)).append("\"/>");
        s.append("</svg>");
        return s.toString();
    }

    private static void xAxis(StringBuilder s, int bottom) {
        s.append("<path class=\"fle-axis\" d=\"M").append(LEFT).append(' ').append(bottom - (bottom == CHART_TOP
                + CHART_HEIGHT ? CHART_HEIGHT : SUB_HEIGHT)).append("V").append(bottom).append("H").append(LEFT + PLOT_WIDTH)
                .append("\"/>");
        for (int i = 0; i <= 5; i++) {
            double pt = i / 5.0;
            double px = LEFT + pt * PLOT_WIDTH;
            s.append("<text x=\"").append(Fmt.fixed(px, 1)).append("\" y=\"").append(bottom + 16)
                    .append("\" text-anchor=\"middle\">").append(Fmt.trimmed(pt, 1)).append("</text>");
        }
        s.append("<text x=\"").append(LEFT + PLOT_WIDTH / 2).append("\" y=\"").append(bottom + 34)
                .append("\" text-anchor=\"middle\">p_t (probability of the true class): hard ← → easy</text>");
    }

    /**
     * The same path as the script's {@code path()}: samples p_t = i/200, clamps to 10⁻¹⁰ where asked, breaks
     * above the ceiling, one decimal per coordinate.
     */
    static String path(DoubleUnaryOperator f, int top, int height, double ceiling, boolean clamp) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i <= SAMPLES; i++) {
            double pt = (double) i / SAMPLES;
            double v = f.applyAsDouble(clamp ? Math.max(pt, 1e-10) : pt);
            if (!(Double.isFinite(v) && v <= ceiling)) {
                pen = false;
                continue;
            }
            double x = LEFT + pt * PLOT_WIDTH;
            double y = top + height * (1 - v / ceiling);
            d.append(pen ? 'L' : 'M').append(Fmt.fixed(x, 1)).append(' ').append(Fmt.fixed(y, 1));
            pen = true;
        }
        return d.toString();
    }

    private static double niceStep(double max) {
        double raw = max / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
        return nice * mag;
    }

    private static String inner(String svg) {
        int start = svg.indexOf('>') + 1;
        return svg.substring(start, svg.lastIndexOf("</svg>"));
    }

    private static String num(double x) {
        return Fmt.trimmed(x, 6);
    }

    /**
     * Escapes text for HTML element content and attribute values.
     *
     * @param text any text
     * @return the text with {@code & < > " '} escaped
     */
    public static String escape(String text) {
        return UpgradableHtml.escape(text);
    }

    private static String resource(String name) {
        return Resources.text(name);
    }

    /** Builder for {@link FocalLossExplorer}. */
    public static final class Builder {
        private double gamma = 2;
        private double gammaMin = 0;
        private double gammaMax = 5;
        private double step = 0.05;
        private boolean showModulator;
        private boolean controlled;
        private double yCeiling = 5;
        private double headlinePt = 0.9;
        private String title = "Focal loss against p_t";

        private Builder() {
        }

        /**
         * @param value the initial γ, inside the range
         * @return this builder
         */
        public Builder gamma(double value) {
            gamma = value;
            return this;
        }

        /**
         * @param min smallest γ, ≥ 0
         * @param max largest γ, &gt; min
         * @return this builder
         */
        public Builder gammaRange(double min, double max) {
            gammaMin = min;
            gammaMax = max;
            return this;
        }

        /**
         * @param value the slider's step, &gt; 0
         * @return this builder
         */
        public Builder step(double value) {
            step = value;
            return this;
        }

        /**
         * @param value whether to show the modulator subplot
         * @return this builder
         */
        public Builder showModulator(boolean value) {
            showModulator = value;
            return this;
        }

        /**
         * Controlled use: the slider does not change γ by itself; it fires a {@code gammachange} event and the
         * host page calls {@code element.focalExplorer.setGamma(g)}.
         *
         * @param value whether γ is controlled from outside
         * @return this builder
         */
        public Builder controlled(boolean value) {
            controlled = value;
            return this;
        }

        /**
         * @param value the top of the loss axis; larger values break the curve
         * @return this builder
         */
        public Builder yCeiling(double value) {
            yCeiling = value;
            return this;
        }

        /**
         * @param value the p_t the headline speaks about, in [0, 1]
         * @return this builder
         */
        public Builder headlinePt(double value) {
            headlinePt = value;
            return this;
        }

        /**
         * @param value the chart's title (escaped when placed in HTML)
         * @return this builder
         */
        public Builder title(String value) {
            title = java.util.Objects.requireNonNull(value, "title");
            return this;
        }

        /**
         * @return the explorer
         * @throws InvalidArgumentException if the range is empty or negative, γ lies outside it, the step or
         *                                  ceiling is not positive, or p_t is outside [0, 1]
         */
        public FocalLossExplorer build() {
            Check.gammaRange("gamma range", gammaMin, gammaMax);
            Check.gamma(gamma);
            if (gamma < gammaMin || gamma > gammaMax) {
                throw Check.outOfRange("gamma", gamma, "[" + Fmt.plain(gammaMin) + ", " + Fmt.plain(gammaMax) + "]");
            }
            if (!(step > 0) || step > gammaMax - gammaMin) {
                throw Check.outOfRange("step", step, "(0, " + Fmt.plain(gammaMax - gammaMin) + "]");
            }
            Check.positive("y ceiling", yCeiling);
            Check.unitInterval("p_t", headlinePt);
            return new FocalLossExplorer(this);
        }
    }
}
