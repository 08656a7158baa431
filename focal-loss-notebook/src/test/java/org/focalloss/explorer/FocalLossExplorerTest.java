package org.focalloss.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.focalloss.core.FocalLoss;
import org.focalloss.core.Headline;
import org.focalloss.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FocalLossExplorerTest {

    @Test
    void fragmentHasSliderLiveHeadlineFigureAndScript() {
        FocalLossExplorer e = FocalLossExplorer.builder().gamma(2).gammaRange(0, 8).showModulator(true).build();
        String html = e.toHtml();
        String id = e.id();
        assertTrue(html.contains("<input type=\"range\" id=\"" + id + "-gamma\" min=\"0\" max=\"8\""), html);
        assertTrue(html.contains("role=\"figure\" aria-describedby=\"" + id + "-headline\""));
        assertTrue(html.contains("id=\"" + id + "-headline\" aria-live=\"polite\">" + Headline.sentence(2, 0.9)));
        assertTrue(html.contains("class=\"fle-sub\""), "modulator subplot");
        assertTrue(html.contains("<script>") && html.contains("function headline("));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("src="),
                "no network resources");
    }

    @Test
    void modulatorSubplotIsOptional() {
        assertFalse(FocalLossExplorer.builder().showModulator(false).build().toHtml().contains("class=\"fle-sub\""));
    }

    @Test
    void staticSvgShowsTheDefaultStateWithTheSamePathTheScriptDraws() {
        FocalLossExplorer e = FocalLossExplorer.of(2);
        String expected = FocalLossExplorer.path(pt -> FocalLoss.loss(pt, 2), 30, 250, 5, true);
        assertTrue(e.toHtml().contains("<path class=\"fle-fl\" d=\"" + expected + "\"/>"));
        assertTrue(e.toSvg().contains(expected));
        assertTrue(e.toSvg().startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        // breaks: CE exceeds the ceiling 5 below p_t = e^-5, so the CE path starts with a move after a gap
        String ce = FocalLossExplorer.path(FocalLoss::crossEntropy, 30, 250, 5, true);
        assertTrue(ce.startsWith("M"));
        assertFalse(ce.startsWith("M56.0"), "first samples above the ceiling are skipped, not clipped");
    }

    @Test
    void idsAreDeterministicButDifferBetweenExplorers() {
        FocalLossExplorer a = FocalLossExplorer.of(2);
        FocalLossExplorer b = FocalLossExplorer.of(2);
        assertNotEquals(a.id(), b.id());
        Set<String> ids = new HashSet<>();
        for (String html : new String[] {a.toHtml(), b.toHtml()}) {
            Matcher m = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
            while (m.find()) {
                assertTrue(ids.add(m.group(1)), "duplicate id " + m.group(1));
            }
        }
    }

    @Test
    void everyTextPlacedInTheHtmlIsEscaped() {
        String html = FocalLossExplorer.builder().title("<script>alert('x')</script> & \"q\"").build().toHtml();
        assertFalse(html.contains("<script>alert"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"));
        assertEquals("&lt;b&gt; &amp; &quot;", FocalLossExplorer.escape("<b> & \""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "range -1..5   | gamma range minimum = -1.0 is out of range [0, ∞)",
        "range 3..3    | gamma range [3.0, 3.0] is empty: the minimum must be less than the maximum",
        "range 5..1    | gamma range [5.0, 1.0] is empty: the minimum must be less than the maximum",
        "gamma 6       | gamma = 6.0 is out of range [0.0, 5.0]",
        "step 0        | step = 0.0 is out of range (0, 5.0]",
    })
    void badSettingsAreRefusedWithTheirRange(String what, String message) {
        FocalLossExplorer.Builder b = FocalLossExplorer.builder();
        String[] w = what.split(" ");
        switch (w[0]) {
            case "range" -> {
                String[] r = w[1].split("\\.\\.");
                b.gammaRange(Double.parseDouble(r[0]), Double.parseDouble(r[1]));
            }
            case "gamma" -> b.gamma(Double.parseDouble(w[1]));
            default -> b.step(Double.parseDouble(w[1]));
        }
        assertEquals(message, assertThrows(InvalidArgumentException.class, b::build).getMessage());
    }

    @Test
    void savesAStandalonePage(@TempDir Path dir) throws Exception {
        Path p = FocalLossExplorer.builder().showModulator(true).build().save(dir.resolve("explorer.html"));
        String page = Files.readString(p, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<html lang=\"en\">"));
        assertTrue(page.contains("<meta charset=\"utf-8\">"));
    }

    /**
     * Writes the library's values on a grid for the browser test, which checks that the explorer's script
     * computes the same numbers and headlines (target/explorer-samples.json).
     */
    @Test
    void writesReferenceSamplesForTheScript() throws Exception {
        StringBuilder json = new StringBuilder("{\"samples\":[");
        double[] gammas = {0, 0.05, 0.5, 1, 1.95, 2, 2.5, 3.3, 5, 8};
        double[] pts = {0, 1e-12, 1e-10, 0.001, 0.05, 0.1, 0.25, 0.5, 0.7, 0.9, 0.95, 0.968, 0.99, 0.999, 1};
        boolean first = true;
        for (double g : gammas) {
            for (double pt : pts) {
                json.append(first ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"gamma\":%s,\"pt\":%s,\"ce\":%s,\"fl\":%s,\"modulator\":%s,\"headline\":\"%s\"}",
                        g, pt, FocalLoss.crossEntropy(Math.max(pt, 1e-10)), FocalLoss.loss(Math.max(pt, 1e-10), g),
                        FocalLoss.modulator(pt, g), Headline.sentence(g, pt)));
                first = false;
            }
        }
        json.append("]}");
        Path out = Path.of("target", "explorer-samples.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json, StandardCharsets.UTF_8);
        assertTrue(Files.size(out) > 1000);
    }
}
