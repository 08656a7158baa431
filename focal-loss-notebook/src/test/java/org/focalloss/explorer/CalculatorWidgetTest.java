package org.focalloss.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.focalloss.core.Calculator;
import org.focalloss.core.CalculatorResult;
import org.focalloss.core.Check;
import org.focalloss.core.Fmt;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.WorkedExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalculatorWidgetTest {

    @Test
    void defaultsAreWorkedExampleTwoWithGammaTwoAndAlphaQuarter() {
        CalculatorWidget w = CalculatorWidget.builder().build();
        String html = w.toHtml();
        assertTrue(html.contains("data-logits=\"1.5, -0.8, 0.2\" data-target=\"1\" data-gamma=\"2\" data-alpha=\"0.25\""),
                html.substring(0, 300));
        assertEquals(WorkedExample.HARD.result(), w.result());
        assertTrue(html.contains("<p class=\"flc-summary\" style=\"font-weight: bold\">FL = 0.562143. Focal loss with γ = 2.00."));
        String live = w.liveMarkup();
        assertTrue(live.contains("<p class=\"flc-summary\" aria-live=\"polite\">FL = 0.562143. Focal loss with γ = 2.00."));
        for (String[] f : new String[][] {{"logits", "1.5, -0.8, 0.2"}, {"target", "1"}, {"gamma", "2"}, {"alpha", "0.25"}}) {
            String id = w.id() + "-" + f[0];
            assertTrue(live.contains("<label for=\"" + id + "\">"), f[0]);
            assertTrue(live.contains("<input id=\"" + id + "\" name=\"" + f[0] + "\" type=\"text\" value=\"" + f[1] + "\""), f[0]);
            assertTrue(live.contains("aria-describedby=\"" + id + "-msg\"><span class=\"flc-msg\" id=\"" + id + "-msg\">"), f[0]);
        }
        assertTrue(live.contains("data-lm-suppress-shortcuts=\"true\""), "keys stay in the form in JupyterLab");
        assertTrue(live.contains("<p class=\"flc-status\" role=\"status\"></p>"));
    }

    @Test
    void staticRenderingHasTheStepTableWithEveryQuantity() {
        String html = CalculatorWidget.of(WorkedExample.EASY).toHtml();
        CalculatorResult r = WorkedExample.EASY.result();
        // FL of worked example 1, and 1 − p_t as the sum of the other probabilities (p_t = 0.968…)
        assertTrue(html.contains("<tr data-q=\"fl\" style=\"font-weight: bold\"><th scope=\"row\">FL</th><td>α · (1 − p_t)^γ · (−log p_t)</td>"
                + "<td class=\"flc-num\" style=\"text-align: right\">2.5354e-05</td></tr>"), html);
        double[] p = r.probabilities();
        assertEquals(p[0] + p[2], r.oneMinusPt(), 0);
        assertEquals(1 - r.pt(), r.oneMinusPt(), 1e-15);
        for (String q : new String[] {"pt", "q", "modulator", "ce", "fl", "ratio"}) {
            assertTrue(html.contains("<tr data-q=\"" + q + "\""), q);
        }
        assertTrue(html.contains("<td class=\"flc-num\" style=\"text-align: right\">" + Fmt.value(r.modulator()) + "</td>"));
        assertTrue(html.contains("<tr class=\"flc-true\" style=\"font-weight: bold\"><th scope=\"row\">1 (true)</th><td class=\"flc-num\" style=\"text-align: right\">3</td>"));
    }

    @Test
    void untrustedViewKeepsOnlyWhatSanitisersKeep() {
        CalculatorWidget w = CalculatorWidget.builder().build();
        String html = w.toHtml();
        String stat = html.substring(0, html.indexOf("<script>"));
        // no dead form in the static rendering: the form exists only inside the script
        assertFalse(stat.contains("<input") || stat.contains("<button") || stat.contains("<form"), "no dead form");
        assertFalse(stat.contains("<svg") || stat.contains("<style"), "inline SVG and CSS are dropped by JupyterLab's sanitiser");
        Matcher m = Pattern.compile("<img src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\" alt=\"([^\"]+)\" "
                + "width=\"640\" height=\"262\"").matcher(stat);
        assertTrue(m.find(), "chart image");
        assertTrue(m.group(2).startsWith("Bar chart of the softmax probabilities of 3 classes; the true class 1 is marked"));
        String svg = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
        assertEquals(w.toSvg(), svg);
        assertTrue(stat.contains("<td class=\"flc-num\" style=\"text-align: right\">0.562143</td>"), "the step table is static HTML");
        assertTrue(stat.contains("run the cell to edit the values"));
        String offline = html.replace("http://www.w3.org/2000/svg", "");
        assertFalse(offline.contains("http://") || offline.contains("https://"), "no network resources");
    }

    @Test
    void barsAreTheProbabilitiesAndTheTrueClassIsMarked() {
        CalculatorResult r = WorkedExample.HARD.result();
        String svg = CalculatorWidget.builder().build().toSvg();
        Matcher m = Pattern.compile("<rect class=\"flc-bar( flc-bar-true)?\" data-class=\"(\\d+)\" x=\"[^\"]+\" y=\"[^\"]+\" "
                + "width=\"[^\"]+\" height=\"([^\"]+)\"").matcher(svg);
        int n = 0;
        while (m.find()) {
            int j = Integer.parseInt(m.group(2));
            assertEquals(r.probabilities()[j] * 160, Double.parseDouble(m.group(3)), 0.005, "bar " + j);
            assertEquals(j == 1, m.group(1) != null, "only the true class is marked");
            n++;
        }
        assertEquals(3, n);
        assertTrue(svg.contains(">true class 1: p_t = 0.073033</text>"));
    }

    @Test
    void thousandClassesAndLogitsOfTenThousandStayFinite() {
        StringBuilder z = new StringBuilder();
        for (int j = 0; j < 1000; j++) {
            z.append(j == 0 ? "" : ",").append(j % 2 == 0 ? "10000" : "-10000");
        }
        CalculatorWidget w = CalculatorWidget.of(z.toString(), 1, 2, 0.25);
        // p_t = e^-20000 / 500 underflows to 0, but CE = 20000 + log 500 is exact in log space
        assertEquals(20000 + Math.log(500), w.result().crossEntropy(), 1e-9);
        assertTrue(w.toHtml().contains("Softmax probabilities (1000 classes)"));
        assertEquals(1000, Pattern.compile("class=\"flc-bar").matcher(w.toSvg()).results().count());
    }

    @Test
    void everyTextPlacedInTheHtmlIsEscaped() {
        CalculatorWidget w = CalculatorWidget.builder().title("<script>alert('x')</script> & \"q\"").build();
        assertFalse(w.toHtml().contains("<script>alert"));
        assertTrue(w.liveMarkup().contains("<strong>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</strong>"));
        // the live markup travels inside the script as a string without '<', so it cannot end the script early
        String html = w.toHtml();
        String script = html.substring(html.indexOf("<script>") + 8, html.lastIndexOf("</script>"));
        assertFalse(script.toLowerCase(Locale.ROOT).contains("</script"));
    }

    @Test
    void idsAreDeterministicButDifferBetweenWidgets() {
        CalculatorWidget a = CalculatorWidget.builder().build();
        CalculatorWidget b = CalculatorWidget.builder().build();
        assertNotEquals(a.id(), b.id());
        Set<String> ids = new HashSet<>();
        for (String html : new String[] {a.liveMarkup(), b.liveMarkup()}) {
            Matcher m = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
            while (m.find()) {
                assertTrue(ids.add(m.group(1)), "duplicate id " + m.group(1));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1.5, abc, 0.2 | 1  | 2  | 0.25 | logit 2 = \"abc\" is not a number (expected e.g. 1.5 or -0.8)",
        "1.5, -0.8, 0.2 | 3 | 2  | 0.25 | target = 3 is out of range [0, 2] for 3 classes",
        "1.5, -0.8, 0.2 | 1 | -1 | 0.25 | gamma = -1.0 is out of range [0, ∞)",
        "1.5, -0.8, 0.2 | 1 | 2  | 1.5  | alpha = 1.5 is out of range [0, 1]",
    })
    void badStartingValuesGetTheLibrarysOneLineMessage(String logits, int target, double gamma, double alpha,
                                                       String message) {
        assertEquals(message, assertThrows(InvalidArgumentException.class,
                () -> CalculatorWidget.of(logits, target, gamma, alpha)).getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {
        "1        | 1",
        "+2       | 2",
        "' 0 '    | 0",
        "−0       | 0",
    })
    void targetTextParses(String text, int expected) {
        assertEquals(expected, Calculator.parseTarget(text, 3));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "abc                  | target = \"abc\" is not a class index (expected a whole number such as 0 or 1)",
        "1.5                  | target = \"1.5\" is not a class index (expected a whole number such as 0 or 1)",
        "''                   | target = \"\" is not a class index (expected a whole number such as 0 or 1)",
        "3                    | target = 3 is out of range [0, 2] for 3 classes",
        "-1                   | target = -1 is out of range [0, 2] for 3 classes",
        "99999999999999999999 | target = 99999999999999999999 is out of range [0, 2] for 3 classes",
    })
    void badTargetTextIsNamed(String text, String message) {
        assertEquals(message, assertThrows(InvalidArgumentException.class, () -> Calculator.parseTarget(text, 3))
                .getMessage());
    }

    @Test
    void savesAStandalonePageThroughATemporaryFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("calc.html");
        Files.writeString(out, "old");
        CalculatorWidget.builder().build().save(out);
        String page = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<html lang=\"en\">"));
        assertTrue(page.contains("<title>Softmax focal-loss calculator</title>"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no temporary file left");
        }
    }

    @Test
    void descriptionNamesTheStartingValuesAndTheResult() {
        assertEquals("Softmax focal-loss calculator with fields for the logits, the true class, γ and α; starting from "
                + "logits -1.0, 3.0, -0.5, true class 1, γ = 2, α = 0.25: FL = 2.5354e-05. "
                + WorkedExample.EASY.result().headline(), CalculatorWidget.of(WorkedExample.EASY).description());
    }

    // ------------------------------------------------------------------ reference data for the browser test

    /** Seeded random cases: logits up to ±1e4, 2 to 1,000 classes, γ in [0, 10], α in [0, 1]. */
    static final int RANDOM_CASES = 300;

    static List<String[]> randomCases() {
        Random rnd = new Random(20261201);
        List<String[]> cases = new ArrayList<>();
        double[] scales = {1, 5, 30, 300, 1e4};
        for (int i = 0; i < RANDOM_CASES; i++) {
            int c = i % 10 == 0 ? 1000 : i % 10 == 1 ? 2 : (int) Math.round(Math.exp(Math.log(2) + rnd.nextDouble()
                    * (Math.log(1000) - Math.log(2))));
            double scale = scales[rnd.nextInt(scales.length)];
            StringBuilder z = new StringBuilder();
            for (int j = 0; j < c; j++) {
                double v = i % 7 == 3 ? (rnd.nextBoolean() ? 1e4 : -1e4) : (2 * rnd.nextDouble() - 1) * scale;
                String t = switch (rnd.nextInt(4)) {
                    case 0 -> Fmt.trimmed(v, rnd.nextInt(7));
                    case 1 -> String.format(Locale.ROOT, "%.3e", v);
                    default -> Fmt.trimmed(v, 3);
                };
                z.append(j == 0 ? "" : rnd.nextInt(5) == 0 ? " " : ", ").append(t);
            }
            String gamma = rnd.nextInt(10) == 0 ? "0" : Fmt.trimmed(10 * rnd.nextDouble(), rnd.nextInt(4));
            int a = rnd.nextInt(20);
            String alpha = a == 0 ? "0" : a == 1 ? "1" : Fmt.trimmed(rnd.nextDouble(), 1 + rnd.nextInt(3));
            cases.add(new String[] {z.toString(), Integer.toString(rnd.nextInt(c)), gamma, alpha});
        }
        return cases;
    }

    /** Bad input, one or more fields at a time: logits, target, gamma, alpha. */
    static final String[][] BAD = {
        {"1.5, abc, 0.2", "1", "2", "0.25"},
        {"", "1", "2", "0.25"},
        {"[ ]", "0", "2", "0.25"},
        {"1.5,,x", "0", "2", "0.25"},
        {"1e400, 1", "0", "2", "0.25"},
        {"1.5 -0.8 NaN", "0", "2", "0.25"},
        {"0x10, 1", "0", "2", "0.25"},
        {"1.5\u00a0-0.8, 2", "0", "2", "0.25"},
        {"1.5, -0.8, 0.2", "3", "2", "0.25"},
        {"1.5, -0.8, 0.2", "-1", "2", "0.25"},
        {"1.5, -0.8, 0.2", "\u22121", "2", "0.25"},
        {"1.5, -0.8, 0.2", "abc", "2", "0.25"},
        {"1.5, -0.8, 0.2", "1.5", "2", "0.25"},
        {"1.5, -0.8, 0.2", "", "2", "0.25"},
        {"1.5, -0.8, 0.2", "99999999999999999999", "2", "0.25"},
        {"1.5, -0.8, 0.2", "1", "-1", "0.25"},
        {"1.5, -0.8, 0.2", "1", "abc", "0.25"},
        {"1.5, -0.8, 0.2", "1", "", "0.25"},
        {"1.5, -0.8, 0.2", "1", "1e999", "0.25"},
        {"1.5, -0.8, 0.2", "1", "NaN", "0.25"},
        {"1.5, -0.8, 0.2", "1", "2", "1.5"},
        {"1.5, -0.8, 0.2", "1", "2", "-0.1"},
        {"1.5, -0.8, 0.2", "1", "2", "x"},
        {"1.5, abc", "7", "-2", "2"},
    };

    /** The same per-field messages the widget shows (the target's range only when the logits are good). */
    static Map<String, String> errors(String[] f) {
        Map<String, String> e = new LinkedHashMap<>();
        double[] z = null;
        try {
            z = Calculator.parseLogits(f[0]);
        } catch (InvalidArgumentException x) {
            e.put("logits", x.getMessage());
        }
        try {
            Calculator.parseTarget(f[1], z == null ? Integer.MAX_VALUE : z.length);
        } catch (InvalidArgumentException x) {
            e.put("target", x.getMessage());
        }
        try {
            Check.gamma(Check.number("gamma", f[2]));
        } catch (InvalidArgumentException x) {
            e.put("gamma", x.getMessage());
        }
        try {
            Check.alpha(Check.number("alpha", f[3]));
        } catch (InvalidArgumentException x) {
            e.put("alpha", x.getMessage());
        }
        return e;
    }

    @Test
    void everyBadInputCaseHasAMessageForEachBadField() {
        for (String[] f : BAD) {
            assertFalse(errors(f).isEmpty(), String.join(" | ", f));
        }
        assertEquals(Map.of("logits", "logit 2 = \"abc\" is not a number (expected e.g. 1.5 or -0.8)",
                "gamma", "gamma = -2.0 is out of range [0, ∞)", "alpha", "alpha = 2.0 is out of range [0, 1]"),
                errors(BAD[BAD.length - 1]));
    }

    /**
     * Writes what the library shows for the worked examples, the random cases and the bad inputs, for the
     * browser test (target/calculator-samples.json), which types them into the page and compares.
     */
    @Test
    void writesReferenceCasesForTheBrowserTest() throws Exception {
        StringBuilder json = new StringBuilder("{\"cases\":[");
        List<String[]> cases = new ArrayList<>();
        for (WorkedExample ex : WorkedExample.values()) {
            cases.add(new String[] {ex.logitsText(), "1", "2", "0.25", ex.name()});
        }
        for (String[] c : randomCases()) {
            cases.add(new String[] {c[0], c[1], c[2], c[3], "random"});
        }
        boolean first = true;
        for (String[] c : cases) {
            CalculatorResult r = Calculator.calculate(c[0], c[1], c[2], c[3]);
            json.append(first ? "" : ",\n").append("{\"kind\":").append(str(c[4])).append(",\"fields\":")
                    .append(fields(c)).append(",\"steps\":[");
            String[][] steps = CalculatorWidget.steps(r);
            for (int i = 0; i < steps.length; i++) {
                json.append(i == 0 ? "" : ",").append(str(steps[i][3]));
            }
            json.append("],\"probabilities\":[");
            double[] p = r.probabilities();
            for (int j = 0; j < p.length; j++) {
                json.append(j == 0 ? "" : ",").append(str(Fmt.value(p[j])));
            }
            json.append("],\"summary\":").append(str(CalculatorWidget.summary(r))).append(",\"text\":")
                    .append(str(r.toText())).append(",\"markdown\":").append(str(r.toMarkdown())).append(",\"csv\":")
                    .append(str(r.toCsv()));
            if (!c[4].equals("random")) {
                json.append(",\"stepsHtml\":").append(str(CalculatorWidget.stepsHtml(r))).append(",\"classesHtml\":")
                        .append(str(CalculatorWidget.classesHtml(r))).append(",\"svg\":")
                        .append(str(CalculatorWidget.chartSvg(r)));
            }
            json.append('}');
            first = false;
        }
        json.append("],\n\"bad\":[");
        first = true;
        for (String[] f : BAD) {
            json.append(first ? "" : ",\n").append("{\"fields\":").append(fields(f)).append(",\"errors\":{");
            boolean firstError = true;
            for (Map.Entry<String, String> e : errors(f).entrySet()) {
                json.append(firstError ? "" : ",").append(str(e.getKey())).append(':').append(str(e.getValue()));
                firstError = false;
            }
            json.append("}}");
            first = false;
        }
        json.append("]}\n");
        Path out = Path.of("target", "calculator-samples.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json, StandardCharsets.UTF_8);
        assertTrue(Files.size(out) > 100_000);
    }

    private static String fields(String[] c) {
        return "{\"logits\":" + str(c[0]) + ",\"target\":" + str(c[1]) + ",\"gamma\":" + str(c[2]) + ",\"alpha\":"
                + str(c[3]) + "}";
    }

    /** A JSON string literal. */
    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
