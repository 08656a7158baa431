package org.focalloss.notebook;

import java.util.Base64;
import java.util.LinkedHashMap;
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

    /**
     * Shows a chart as a PNG image; its description is the text alternative.
     *
     * @param figure the chart
     */
    public static void show(Figure figure) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("image/png", Base64.getEncoder().encodeToString(figure.toPng()));
        bundle.put("text/plain", figure.title() + ": " + figure.description());
        publish(bundle);
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
     * Shows a calculator result as Markdown tables, with plain text as the text version.
     *
     * @param result the result
     */
    public static void show(CalculatorResult result) {
        Map<String, String> bundle = new LinkedHashMap<>();
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

    /** A plain HTML table with every cell escaped, numbers formatted as the table prints them. */
    static String html(Table table) {
        StringBuilder h = new StringBuilder("<table class=\"focal-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            h.append("<caption>").append(FocalLossExplorer.escape(table.name())).append("</caption>");
        }
        h.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            h.append("<th>").append(FocalLossExplorer.escape(c.name())).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (int r = 0; r < table.rowCount(); r++) {
            h.append("<tr>");
            for (Column<?> c : table.columns()) {
                boolean numeric = c.type().name().matches("DOUBLE|INTEGER|FLOAT|LONG|SHORT");
                h.append(numeric ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                        .append(FocalLossExplorer.escape(c.getString(r))).append("</td>");
            }
            h.append("</tr>");
        }
        return h.append("</tbody></table>").toString();
    }
}
