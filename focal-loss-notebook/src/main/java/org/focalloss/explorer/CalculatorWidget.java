package org.focalloss.explorer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.focalloss.core.Calculator;
import org.focalloss.core.CalculatorResult;
import org.focalloss.core.Fmt;
import org.focalloss.core.Headline;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.WorkedExample;

/**
 * The softmax focal-loss calculator as a form a reader can use without code: one self-contained HTML
 * fragment (CSS and a small script; no network) with fields for the logits, the 0-based true class, γ and α.
 *
 * <ul>
 *   <li>Results update as you type (and on Calculate or Enter): the step-by-step table p_t, 1 − p_t,
 *       (1 − p_t)^γ, −log p_t, FL = α·(1 − p_t)^γ·(−log p_t) and CE/FL; a bar chart of the softmax
 *       probabilities with the true class marked; the per-class table; the headline
 *       ({@link Headline#sentence}).</li>
 *   <li>Reset restores the starting values; Copy results copies exactly {@link CalculatorResult#toText()},
 *       Copy as Markdown exactly {@link CalculatorResult#toMarkdown()} (the script formats numbers by the rules
 *       of {@link Fmt}), Copy as CSV the rows of {@link CalculatorResult#toCsv()}, whose full-precision digits
 *       can differ in the last place because a browser's {@code Math.exp}/{@code Math.log} are not the JVM's
 *       (measured in Chromium 156: 247 of 302 test cases byte-identical, at most 3.5e-16 relative).</li>
 *   <li>Bad input in a field shows the library's one-line message next to it ({@code logit 2 = "abc" is not
 *       a number …}, {@code target = 3 is out of range [0, 2] for 3 classes}, {@code gamma = -1.0 is out of
 *       range [0, ∞)}), sets {@code aria-invalid} and {@code aria-describedby}, and is announced in a
 *       {@code role="status"} region; the last good results stay on the page, dimmed.</li>
 *   <li>The script computes exactly as {@link org.focalloss.core.SoftmaxFocalLoss} does (log-sum-exp shifted
 *       by the largest logit, log1p when the true class holds it, 1 − p_t and the modulator in log space), so
 *       it stays finite and accurate for logits up to ±10⁴ and beyond and for thousands of classes.</li>
 *   <li>Where scripts do not run (an untrusted notebook, GitHub's notebook view, a page with scripts off),
 *       the fragment shows a static rendering of its starting values: the chart as an {@code <img>} of an
 *       SVG data URI (which HTML sanitisers keep), FL, the headline and the tables. The form exists only
 *       inside the script ({@link UpgradableHtml}); nothing is shown that would not work.</li>
 *   <li>In JupyterLab the keys stay in the form: it carries {@code data-lm-suppress-shortcuts}, so command
 *       mode's shortcuts (arrows, Enter, A, B, D D …) do not fire while a field or button has the focus.</li>
 * </ul>
 *
 * <pre>{@code
 * CalculatorWidget w = CalculatorWidget.builder().logits("2.0, 0.5, -1.0").target(0).gamma(3).build();
 * Notebook.show(w);                         // in a notebook
 * w.save(Path.of("calc.html"));             // a standalone page
 * }</pre>
 *
 * <p>Markup, numbers and texts of the static rendering are exactly what the script renders for the same
 * values (the browser test compares them).
 */
public final class CalculatorWidget {

    // Chart geometry in SVG user units; calculator.js uses the same numbers.
    private static final int W = 640;
    private static final int H = 262;
    private static final int LEFT = 52;
    private static final int TOP = 52;
    private static final double PW = 568;
    private static final double PH = 160;

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String logits;
    private final int target;
    private final double gamma;
    private final double alpha;
    private final String title;
    private final CalculatorResult result;
    private final String id;

    private CalculatorWidget(Builder b, CalculatorResult result) {
        this.logits = b.logits;
        this.target = b.target;
        this.gamma = b.gamma;
        this.alpha = b.alpha;
        this.title = b.title;
        this.result = result;
        // Deterministic (re-running a notebook gives the same output); the script makes ids unique in a page.
        String key = logits + "|" + target + "|" + gamma + "|" + alpha + "|" + title + "|" + COUNTER.incrementAndGet();
        this.id = "flc-" + Integer.toHexString(key.hashCode() & 0x7fffffff);
    }

    /**
     * @return a builder starting from worked example 2 ({@link WorkedExample#HARD}): logits
     *         {@code 1.5, -0.8, 0.2}, true class 1, γ = 2, α = 0.25
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The calculator starting from the given values, in one line.
     *
     * @param logits logits as text, e.g. {@code "1.5, -0.8, 0.2"}
     * @param target the 0-based true class
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1]
     * @return the widget
     * @throws InvalidArgumentException if the values are not valid calculator input
     */
    public static CalculatorWidget of(String logits, int target, double gamma, double alpha) {
        return builder().logits(logits).target(target).gamma(gamma).alpha(alpha).build();
    }

    /**
     * The calculator starting from one of the worked examples.
     *
     * @param example the example
     * @return the widget
     */
    public static CalculatorWidget of(WorkedExample example) {
        return builder().logits(example.logitsText()).target(WorkedExample.TARGET).gamma(Calculator.DEFAULT_GAMMA)
                .alpha(Calculator.DEFAULT_ALPHA).build();
    }

    /**
     * @return the result of the starting values
     */
    public CalculatorResult result() {
        return result;
    }

    /**
     * @return the element id of this widget's root
     */
    public String id() {
        return id;
    }

    /**
     * @return a plain-text description of the widget and its starting result, usable as alt text
     */
    public String description() {
        return "Softmax focal-loss calculator with fields for the logits, the true class, γ and α; starting from "
                + "logits " + logits + ", true class " + target + ", γ = " + text(gamma) + ", α = " + text(alpha)
                + ": FL = " + Fmt.value(result.loss()) + ". " + result.headline();
    }

    /**
     * The HTML fragment, built by {@link UpgradableHtml}. Where HTML is shown but scripts do not run (an
     * untrusted notebook in JupyterLab, GitHub's notebook view), a static rendering of the starting values:
     * the chart as an {@code <img>} (alt text {@link #chartDescription}), FL and the headline, the step-by-step
     * and per-class tables, and a note that running the cell makes it editable. Where scripts run (a
     * trusted notebook, nbconvert's HTML, the standalone page), the script puts the form and the live
     * results in its place. Every text placed in it is HTML-escaped.
     *
     * @return the fragment
     */
    public String toHtml() {
        return widget().toHtml();
    }

    /** The fragment's parts: root attributes, the static rendering, the live markup and the script. */
    UpgradableHtml widget() {
        String staticHtml = "<p class=\"flc-summary\" style=\"font-weight: bold\">" + escape(summary(result)) + "</p>"
                + "<p class=\"flc-note\" style=\"font-style: italic; font-size: 12px\">A static rendering of logits "
                + escape(logits) + ", true class " + target + ", γ = " + escape(text(gamma)) + ", α = "
                + escape(text(alpha)) + ": run the cell to edit the values.</p>" + scrollBox(stepsHtml(result))
                + scrollBox(classesHtml(result));
        return UpgradableHtml.builder("flc").id(id).data("logits", logits).data("target", Integer.toString(target))
                .data("gamma", text(gamma)).data("alpha", text(alpha))
                .staticSvg(chartSvg(result), chartDescription(result), W, H)
                .staticHtml(staticHtml)
                .liveHtml(liveMarkup())
                .script(Resources.text("explorer.js") + "\n" + Resources.text("calculator.js"))
                .build();
    }

    /** The interactive markup the script puts in place: CSS, the form, the live results. */
    String liveMarkup() {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<style>").append(Resources.text("calculator.css")).append("</style>\n");
        h.append("<p class=\"flc-title\" id=\"").append(id).append("-title\"><strong>").append(escape(title))
                .append("</strong></p>\n");
        h.append(formHtml()).append('\n');
        h.append("<p class=\"flc-status\" role=\"status\"></p>\n");
        h.append("<p class=\"flc-summary\" aria-live=\"polite\">").append(escape(summary(result))).append("</p>\n");
        h.append("<div class=\"flc-results\">\n<div class=\"flc-steps-box\">").append(stepsHtml(result)).append("</div>\n");
        h.append("<figure class=\"flc-chart-box\">").append(chartSvg(result)).append("</figure>\n");
        h.append("<div class=\"flc-classes\" tabindex=\"0\" role=\"region\" aria-label=\"Softmax probabilities per class\">")
                .append(classesHtml(result)).append("</div>\n</div>\n");
        return h.toString();
    }

    /**
     * The form: four labelled text fields, each with a message element it is described by, and the buttons.
     * {@code data-lm-suppress-shortcuts}: JupyterLab (Lumino's CommandRegistry) runs no keyboard shortcut for
     * a key pressed inside it, so Enter on a button presses it and the keys stay in the form in command mode.
     */
    private String formHtml() {
        String[][] fields = {
            {"logits", "Logits z (separated by commas)", logits, null},
            {"target", "True class t (0-based)", Integer.toString(target), "numeric"},
            {"gamma", "γ (focusing, ≥ 0)", text(gamma), "decimal"},
            {"alpha", "α (true-class weight, 0–1)", text(alpha), "decimal"},
        };
        StringBuilder h = new StringBuilder("<form class=\"flc-form\" novalidate aria-labelledby=\"").append(id)
                .append("-title\" data-lm-suppress-shortcuts=\"true\">");
        for (String[] f : fields) {
            String fid = id + "-" + f[0];
            h.append("<div class=\"flc-field flc-field-").append(f[0]).append("\"><label for=\"").append(fid).append("\">")
                    .append(escape(f[1])).append("</label><input id=\"").append(fid).append("\" name=\"").append(f[0])
                    .append("\" type=\"text\" value=\"").append(escape(f[2]))
                    .append("\" spellcheck=\"false\" autocomplete=\"off\"")
                    .append(f[3] == null ? "" : " inputmode=\"" + f[3] + "\"").append(" aria-describedby=\"").append(fid)
                    .append("-msg\"><span class=\"flc-msg\" id=\"").append(fid).append("-msg\"></span></div>");
        }
        h.append("<div class=\"flc-buttons\"><button type=\"submit\" class=\"flc-calculate\">Calculate</button>")
                .append("<button type=\"button\" class=\"flc-reset\">Reset</button>")
                .append("<button type=\"button\" class=\"flc-copy\" data-format=\"text\">Copy results</button>")
                .append("<button type=\"button\" class=\"flc-copy\" data-format=\"markdown\">Copy as Markdown</button>")
                .append("<button type=\"button\" class=\"flc-copy\" data-format=\"csv\">Copy as CSV</button></div></form>");
        return h.toString();
    }

    /**
     * @return a complete HTML page containing the calculator
     */
    public String toPage() {
        return Resources.page(title, toHtml());
    }

    /**
     * The probability bar chart of the starting values as an SVG document (the static picture).
     *
     * @return an SVG document
     */
    public String toSvg() {
        return chartSvg(result);
    }

    /**
     * Saves the calculator as a standalone HTML page, through a temporary file in the same directory that
     * is moved into place, so an existing file is never left half-written.
     *
     * @param path the file
     * @return the path
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public Path save(Path path) {
        return Resources.save(path, toPage());
    }

    @Override
    public String toString() {
        return description();
    }

    // ------------------------------------------------------------------ markup (calculator.js renders the same)

    static String summary(CalculatorResult r) {
        return "FL = " + Fmt.value(r.loss()) + ". " + r.headline();
    }

    private static String suppressionCell(CalculatorResult r) {
        // the same cell as the quantities of CalculatorResult: 1 / (α·(1 − p_t)^γ), ∞ only where that is
        return Headline.ratioText(r.suppression());
    }

    /** The step-by-step rows: key, quantity, how it is computed, displayed value. */
    static String[][] steps(CalculatorResult r) {
        return new String[][] {
            {"pt", "p_t", "softmax(z) of the true class", Fmt.value(r.pt())},
            {"q", "1 − p_t", "sum of the other classes’ p_j", Fmt.value(r.oneMinusPt())},
            {"modulator", "(1 − p_t)^γ", "modulating factor", Fmt.value(r.modulator())},
            {"ce", "−log p_t", "cross-entropy CE", Fmt.value(r.crossEntropy())},
            {"fl", "FL", "α · (1 − p_t)^γ · (−log p_t)", Fmt.value(r.loss())},
            {"ratio", "CE / FL", "how much smaller FL is than CE", suppressionCell(r)},
        };
    }

    /** A table in its own horizontal scroll box (a style the sanitiser keeps), as the notebook's tables are. */
    private static String scrollBox(String table) {
        return "<div style=\"overflow-x: auto; max-width: 100%\">" + table + "</div>";
    }

    static String stepsHtml(CalculatorResult r) {
        StringBuilder h = new StringBuilder("<table class=\"flc-steps\"><caption>Step by step: γ = ")
                .append(escape(Fmt.trimmed(r.gamma(), 6))).append(", α = ").append(escape(Fmt.trimmed(r.alpha(), 6)))
                .append(", true class ").append(r.target()).append("</caption><thead><tr><th scope=\"col\">quantity</th>")
                .append("<th scope=\"col\">computed as</th><th scope=\"col\">value</th></tr></thead><tbody>");
        for (String[] s : steps(r)) {
            h.append("<tr data-q=\"").append(s[0]).append('"').append(s[0].equals("fl") ? " style=\"font-weight: bold\"" : "")
                    .append("><th scope=\"row\">").append(escape(s[1])).append("</th><td>")
                    .append(escape(s[2])).append("</td><td class=\"flc-num\" style=\"text-align: right\">").append(escape(s[3])).append("</td></tr>");
        }
        return h.append("</tbody></table>").toString();
    }

    static String classesHtml(CalculatorResult r) {
        double[] z = r.logits();
        double[] p = r.probabilities();
        StringBuilder h = new StringBuilder("<table class=\"flc-classes-table\"><caption>Softmax probabilities (")
                .append(z.length).append(z.length == 1 ? " class" : " classes").append(")</caption><thead><tr>")
                .append("<th scope=\"col\">class</th><th scope=\"col\">logit</th><th scope=\"col\">softmax p</th></tr>")
                .append("</thead><tbody>");
        for (int j = 0; j < z.length; j++) {
            boolean t = j == r.target();
            h.append("<tr").append(t ? " class=\"flc-true\" style=\"font-weight: bold\"" : "").append("><th scope=\"row\">").append(j)
                    .append(t ? " (true)" : "").append("</th><td class=\"flc-num\" style=\"text-align: right\">").append(escape(shortest(z[j])))
                    .append("</td><td class=\"flc-num\" style=\"text-align: right\">").append(escape(Fmt.value(p[j]))).append("</td></tr>");
        }
        return h.append("</tbody></table>").toString();
    }

    static String chartDescription(CalculatorResult r) {
        int c = r.logits().length;
        return "Bar chart of the softmax probabilities of " + c + (c == 1 ? " class" : " classes") + "; the true class "
                + r.target() + " is marked, p_t = " + Fmt.value(r.pt()) + ".";
    }

    private static int tickStep(int c) {
        int[] steps = {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000};
        for (int s : steps) {
            if (c / (double) s <= 20) {
                return s;
            }
        }
        return (int) Math.ceil(c / 20.0);
    }

    static String chartSvg(CalculatorResult r) {
        double[] p = r.probabilities();
        int c = p.length;
        int target = r.target();
        double slot = PW / c;
        double barW = c <= 40 ? slot * 0.7 : slot;
        StringBuilder s = new StringBuilder(4096 + 160 * c);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flc-chart\" viewBox=\"0 0 ").append(W).append(' ')
                .append(H).append("\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"")
                .append(escape(chartDescription(r))).append("\">");
        s.append("<rect width=\"").append(W).append("\" height=\"").append(H).append("\" fill=\"#ffffff\"/>");
        s.append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"14\" font-weight=\"bold\" fill=\"#222222\">")
                .append("Softmax probabilities</text>");
        for (int k = 0; k <= 4; k++) {
            double y = TOP + PH * (1 - k / 4.0);
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(num(LEFT + PW)).append("\" y1=\"")
                    .append(Fmt.fixed(y, 1)).append("\" y2=\"").append(Fmt.fixed(y, 1))
                    .append("\" stroke=\"#dddddd\" stroke-width=\"0.5\"/><text x=\"").append(LEFT - 6).append("\" y=\"")
                    .append(Fmt.fixed(y + 4, 1)).append("\" text-anchor=\"end\" fill=\"#222222\">")
                    .append(Fmt.trimmed(k / 4.0, 2)).append("</text>");
        }
        int every = tickStep(c);
        for (int j = 0; j < c; j++) {
            double x = LEFT + j * slot + (slot - barW) / 2;
            double h = p[j] * PH;
            boolean t = j == target;
            s.append("<rect class=\"flc-bar").append(t ? " flc-bar-true" : "").append("\" data-class=\"").append(j)
                    .append("\" x=\"").append(Fmt.fixed(x, 2)).append("\" y=\"").append(Fmt.fixed(TOP + PH - h, 2))
                    .append("\" width=\"").append(Fmt.fixed(barW, 2)).append("\" height=\"").append(Fmt.fixed(h, 2))
                    .append("\" fill=\"").append(t ? "#D55E00" : "#0072B2").append("\"/>");
            if (j % every == 0 || t) {
                s.append("<text x=\"").append(Fmt.fixed(LEFT + (j + 0.5) * slot, 2)).append("\" y=\"")
                        .append(num(TOP + PH + 16)).append("\" text-anchor=\"middle\" fill=\"")
                        .append(t ? "#A63F00" : "#222222").append('"').append(t ? " font-weight=\"bold\"" : "").append('>')
                        .append(j).append("</text>");
            }
        }
        s.append("<path d=\"M").append(LEFT).append(' ').append(TOP).append('V').append(num(TOP + PH)).append('H')
                .append(num(LEFT + PW)).append("\" stroke=\"#666666\" fill=\"none\"/>");
        s.append("<text x=\"").append(num(LEFT + PW / 2)).append("\" y=\"").append(H - 8)
                .append("\" text-anchor=\"middle\" fill=\"#222222\">class</text>");
        double mx = LEFT + (target + 0.5) * slot;
        double my = TOP + PH - p[target] * PH - 6;
        String anchor = mx < LEFT + 60 ? "start" : mx > LEFT + PW - 60 ? "end" : "middle";
        s.append("<path class=\"flc-marker\" d=\"M").append(Fmt.fixed(mx - 5, 2)).append(' ').append(Fmt.fixed(my - 7, 2))
                .append('L').append(Fmt.fixed(mx + 5, 2)).append(' ').append(Fmt.fixed(my - 7, 2)).append('L')
                .append(Fmt.fixed(mx, 2)).append(' ').append(Fmt.fixed(my, 2)).append("Z\" fill=\"#A63F00\"/>");
        s.append("<text class=\"flc-marker-label\" x=\"").append(Fmt.fixed(mx, 2)).append("\" y=\"")
                .append(Fmt.fixed(my - 13, 2)).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"#A63F00\" font-weight=\"bold\">true class ").append(target).append(": p_t = ")
                .append(escape(Fmt.value(r.pt()))).append("</text>");
        return s.append("</svg>").toString();
    }

    /** A whole number as JavaScript prints it ("600", not "600.0"); other values as the shortest decimal. */
    private static String num(double x) {
        return shortest(x);
    }

    /** How toText() and the script print a logit: the shortest decimal, no exponent, no trailing zeros. */
    static String shortest(double x) {
        return Fmt.decimal(x);
    }

    /** γ and α as the form shows them: the shortest decimal that reads back to the same number. */
    private static String text(double x) {
        return shortest(x);
    }

    private static String escape(String s) {
        return UpgradableHtml.escape(s);
    }

    /** Builder for {@link CalculatorWidget}; starts from worked example 2. */
    public static final class Builder {
        private String logits = WorkedExample.HARD.logitsText();
        private int target = WorkedExample.TARGET;
        private double gamma = Calculator.DEFAULT_GAMMA;
        private double alpha = Calculator.DEFAULT_ALPHA;
        private String title = "Softmax focal-loss calculator";

        private Builder() {
        }

        /**
         * @param value the starting logits as text, e.g. {@code "1.5, -0.8, 0.2"}
         * @return this builder
         */
        public Builder logits(String value) {
            logits = Objects.requireNonNull(value, "logits");
            return this;
        }

        /**
         * @param values the starting logits
         * @return this builder
         */
        public Builder logits(double... values) {
            StringBuilder b = new StringBuilder();
            for (double v : values) {
                b.append(b.length() == 0 ? "" : ", ").append(Double.isFinite(v) ? shortest(v) : Fmt.plain(v));
            }
            return logits(b.toString());
        }

        /**
         * @param value the starting 0-based true class
         * @return this builder
         */
        public Builder target(int value) {
            target = value;
            return this;
        }

        /**
         * @param value the starting γ ≥ 0
         * @return this builder
         */
        public Builder gamma(double value) {
            gamma = value;
            return this;
        }

        /**
         * @param value the starting α ∈ [0, 1]
         * @return this builder
         */
        public Builder alpha(double value) {
            alpha = value;
            return this;
        }

        /**
         * @param value the widget's title (escaped when placed in HTML)
         * @return this builder
         */
        public Builder title(String value) {
            title = Objects.requireNonNull(value, "title");
            return this;
        }

        /**
         * @return the widget
         * @throws InvalidArgumentException if the logits do not parse, or the target, γ or α is out of range
         *                                  (the library's one-line message)
         */
        public CalculatorWidget build() {
            return new CalculatorWidget(this, Calculator.calculate(logits, target, gamma, alpha));
        }
    }
}
