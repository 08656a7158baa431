package org.focalloss.notebook;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.focalloss.charts.Figure;
import org.focalloss.charts.FocalCharts;
import org.focalloss.core.Calculator;
import org.focalloss.core.CalculatorResult;
import org.focalloss.curves.FocalTables;
import org.focalloss.explorer.CalculatorWidget;
import org.focalloss.explorer.FocalLossExplorer;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Display helpers for Java notebooks (JJava or IJava kernels): charts appear inline as images with their
 * description as the text alternative, tables as HTML with a text version, the explorer as HTML that shows
 * a static picture until its script makes it interactive. Outside a kernel everything is printed as text.
 *
 * <p>Bad input never ends in a stack trace here: {@link #attempt(Callable)} and {@link #calculator} print
 * the library's one-line message, e.g. {@code Invalid input: gamma = -1.0 is out of range [0, ∞)}.
 *
 * <pre>{@code
 * Notebook.show(FocalCharts.figure1());
 * Notebook.show(FocalTables.easyHard(2));
 * Notebook.attempt(() -> FocalLoss.loss(0.9, -1));   // prints the one-line message
 * }</pre>
 */
public final class Notebook {

    /** Prefix of the one-line message printed for bad input. */
    public static final String INVALID_INPUT = "Invalid input: ";

    private Notebook() {
    }

    /** The smallest scale charts are shown at: 2 PNG pixels per CSS pixel, sharp on 2× screens. */
    public static final double CHART_SCALE = 2;

    /**
     * Shows a chart as a PNG image rendered at {@code max(figure.scale(), }{@value #CHART_SCALE}{@code )}
     * and displayed at the figure's size, with its description as alt text. The bundle holds
     * <ul>
     * <li>{@code text/html}: {@code <img src="data:image/png;base64,…" alt="description" width="W">}, which
     *     JupyterLab ranks first and keeps in untrusted notebooks (its sanitiser allows {@code img} with
     *     {@code src}, {@code alt} and {@code width}, and does not restrict the {@code data:} scheme of
     *     {@code src}); JupyterLab's own image renderer would leave {@code alt} empty;</li>
     * <li>{@code image/png} with metadata {@code {"width": W, "height": H}}, for front ends and exporters
     *     that prefer images (nbconvert's Markdown/PDF, VS Code) and for tests that look for charts;</li>
     * <li>{@code text/plain}: the title and description.</li>
     * </ul>
     *
     * @param figure the chart
     */
    public static void show(Figure figure) {
        Map<String, String> bundle = chartBundle(figure);
        Map<String, Object> size = new LinkedHashMap<>();
        size.put("width", figure.width());
        size.put("height", figure.height());
        if (!KernelDisplay.publish(bundle, Map.of("image/png", size))) {
            System.out.println(bundle.get("text/plain"));
        }
    }

    /** The MIME bundle of a chart (see {@link #show(Figure)}). */
    static Map<String, String> chartBundle(Figure figure) {
        String png = Base64.getEncoder().encodeToString(figure.toPng(Math.max(figure.scale(), CHART_SCALE)));
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", "<img src=\"data:image/png;base64," + png + "\" alt=\""
                + FocalLossExplorer.escape(figure.description())
                + "\" width=\"" + figure.width() + "\" style=\"max-width: 100%; height: auto\">");
        bundle.put("image/png", png);
        bundle.put("text/plain", figure.title() + ": " + figure.description());
        return bundle;
    }

    /**
     * Shows a Tablesaw table as HTML, with its printed form as the text version.
     *
     * @param table the table
     */
    public static void show(Table table) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html(table));
        bundle.put("text/plain", table.printAll());
        publish(bundle);
    }

    /**
     * Shows the interactive explorer. Its {@code text/html} is what every notebook front end picks: a static
     * picture of the initial state ({@code <img>} with alt text) and the headline, which JupyterLab's
     * sanitiser keeps in an untrusted notebook and GitHub shows without scripts, and a script that replaces
     * them with the live explorer where scripts run. {@code image/svg+xml} (picture and headline) and
     * {@code text/plain} (the description) are there for front ends that show no HTML.
     *
     * @param explorer the explorer
     */
    public static void show(FocalLossExplorer explorer) {
        publish(bundle(explorer));
    }

    /** The explorer's MIME bundle, in the order published. */
    static Map<String, String> bundle(FocalLossExplorer explorer) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", explorer.toHtml());
        bundle.put("image/svg+xml", explorer.toSvg());
        bundle.put("text/plain", explorer.description());
        return bundle;
    }

    /**
     * Shows the calculator form. Its {@code text/html} is a static rendering of the starting values (the
     * chart as an {@code <img>}, FL, the headline and the tables), which JupyterLab's sanitiser keeps in an
     * untrusted notebook and GitHub shows without scripts, and a script that replaces it with the form
     * where scripts run. {@code image/svg+xml} (the chart) and {@code text/plain} (the description and
     * {@link CalculatorResult#toText()}) are there for front ends that show no HTML.
     *
     * @param calculator the calculator
     */
    public static void show(CalculatorWidget calculator) {
        publish(bundle(calculator));
    }

    /** The calculator's MIME bundle, in the order published. */
    static Map<String, String> bundle(CalculatorWidget calculator) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", calculator.toHtml());
        bundle.put("image/svg+xml", calculator.toSvg());
        bundle.put("text/plain", calculator.description() + "\n" + calculator.result().toText());
        return bundle;
    }

    /**
     * Shows a calculator result as two tables (the classes, then the quantities), as HTML with the same
     * labels and formats as {@link FocalTables#classes} and {@link FocalTables#quantities}, with its
     * Markdown and plain-text forms as alternatives.
     *
     * @param result the result
     */
    public static void show(CalculatorResult result) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html(FocalTables.classes(result)) + html(FocalTables.quantities(result)));
        bundle.put("text/markdown", result.toMarkdown());
        bundle.put("text/plain", result.toText());
        publish(bundle);
    }

    /**
     * Shows any value: charts, tables, explorers, calculator forms and calculator results as above, anything else as text.
     *
     * @param value the value
     */
    public static void show(Object value) {
        if (value instanceof Figure f) {
            show(f);
        } else if (value instanceof Table t) {
            show(t);
        } else if (value instanceof FocalLossExplorer e) {
            show(e);
        } else if (value instanceof CalculatorWidget c) {
            show(c);
        } else if (value instanceof CalculatorResult r) {
            show(r);
        } else if (value != null) {
            System.out.println(value);
        }
    }

    /**
     * Runs a computation and shows its result; bad input prints the library's one-line message instead
     * of a stack trace. Returns nothing, so the kernel does not echo the result a second time.
     *
     * @param computation what to run
     */
    public static void attempt(Callable<?> computation) {
        try {
            show(computation.call());
        } catch (IllegalArgumentException e) {
            System.out.println(INVALID_INPUT + e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The calculator in one call: the softmax probabilities table and chart, the quantities and the
     * headline, or the one-line message for bad input.
     *
     * @param logits logits as text, e.g. {@code "1.5, -0.8, 0.2"}
     * @param target the 0-based true class
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1]
     */
    public static void calculator(String logits, int target, double gamma, double alpha) {
        CalculatorResult r;
        try {
            r = Calculator.calculate(logits, target, gamma, alpha);
        } catch (IllegalArgumentException e) {
            System.out.println(INVALID_INPUT + e.getMessage());
            return;
        }
        show(FocalTables.classes(r));
        show(FocalTables.quantities(r));
        show(FocalCharts.probabilities(r));
        System.out.println(r.headline());
    }

    private static void publish(Map<String, String> bundle) {
        if (!KernelDisplay.publish(bundle)) {
            System.out.println(bundle.get("text/plain"));
        }
    }

    /**
     * Escaped text with a {@code <wbr>} (kept by JupyterLab's sanitiser) after each "(", "_", "=" and "."
     * inside words longer than 16 characters, e.g. {@code BinaryFocalCrossentropy(apply_class_balancing=True)}.
     */
    static String breakable(String text) {
        StringBuilder b = new StringBuilder();
        for (String word : text.split("(?<= )")) {
            String escaped = FocalLossExplorer.escape(word);
            b.append(word.strip().length() > 16 ? escaped.replaceAll("([(_=.])(?=.)", "$1<wbr>") : escaped);
        }
        return b.toString();
    }

    /** A number as the tables print it: digits, sign, decimal point, exponent, grouping, ×, %, or ∞. */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[-−+]?(\\d[\\d,]*(\\.\\d+)?(e[-+]\\d+)?|∞)\\s?[×%]?");

    /**
     * A plain HTML table with every cell escaped, numbers formatted as the table prints them. Numbers are
     * right-aligned and never wrap ({@code white-space: nowrap}, so "2.6340e-04" cannot break after its
     * minus sign); text cells wrap, long words at {@code <wbr>} break points; the table sits in a box that scrolls sideways when it is wider than
     * the output area, instead of overflowing it. Only inline styles JupyterLab's sanitiser keeps in
     * untrusted notebooks are used ({@code overflow-x}, {@code white-space}, {@code text-align}).
     */
    static String html(Table table) {
        StringBuilder h = new StringBuilder("<div style=\"overflow-x: auto; max-width: 100%\">"
                + "<table class=\"focal-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            h.append("<caption>").append(FocalLossExplorer.escape(table.name())).append("</caption>");
        }
        List<Column<?>> columns = table.columns();
        boolean[] numeric = new boolean[columns.size()];
        for (int j = 0; j < numeric.length; j++) {
            Column<?> c = columns.get(j);
            boolean all = c.type().name().matches("DOUBLE|INTEGER|FLOAT|LONG|SHORT");
            if (!all) {
                all = true;
                for (int r = 0; r < table.rowCount(); r++) {
                    String text = c.getString(r).strip();
                    all &= text.isEmpty() || NUMBER.matcher(text).matches();
                }
            }
            numeric[j] = all;
        }
        h.append("<thead><tr>");
        for (int j = 0; j < numeric.length; j++) {
            h.append(numeric[j] ? "<th style=\"text-align: right\">" : "<th style=\"text-align: left\">")
                    .append(FocalLossExplorer.escape(columns.get(j).name())).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (int r = 0; r < table.rowCount(); r++) {
            h.append("<tr>");
            for (int j = 0; j < numeric.length; j++) {
                // numbers stay on one line; long words (a class name with its arguments) get break
                // opportunities, so a table fits beside JupyterLab's file browser instead of scrolling
                String text = columns.get(j).getString(r);
                h.append(numeric[j] ? "<td style=\"text-align: right; white-space: nowrap\">"
                        + FocalLossExplorer.escape(text) : "<td style=\"text-align: left\">" + breakable(text))
                        .append("</td>");
            }
            h.append("</tr>");
        }
        return h.append("</tbody></table></div>").toString();
    }
}
