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
    void liveMarkupHasSliderLiveHeadlineFigureAndScript() {
        FocalLossExplorer e = FocalLossExplorer.builder().gamma(2).gammaRange(0, 8).showModulator(true).build();
        String live = e.liveMarkup();
        String id = e.id();
        assertTrue(live.contains("<input type=\"range\" id=\"" + id + "-gamma\" min=\"0\" max=\"8\""), live);
        assertTrue(live.contains("role=\"figure\" aria-describedby=\"" + id + "-headline\""));
        assertTrue(live.contains("id=\"" + id + "-headline\" aria-live=\"polite\">" + Headline.sentence(2, 0.9)));
        assertTrue(live.contains("class=\"fle-sub\""), "modulator subplot");
        assertTrue(live.contains("data-lm-suppress-shortcuts=\"true\">"), "JupyterLab leaves the slider's keys alone");
        assertTrue(live.contains("@media (prefers-reduced-motion: reduce)"), "the CSS travels with the live markup");
        String html = e.toHtml();
        assertTrue(html.contains("<script>") && html.contains("function headline("));
        assertFalse(html.contains("http://") && !html.contains("xmlns=\"http://www.w3.org/2000/svg\"")
                || html.contains("https://"), "no network resources");
    }

    @Test
    void theFragmentShowsOnlyThePictureAndTheHeadlineOutsideItsScript() {
        FocalLossExplorer e = FocalLossExplorer.builder().gamma(3).showModulator(true).build();
        String html = e.toHtml();
        String outside = html.substring(0, html.indexOf("<script>")) + html.substring(html.indexOf("</script>"));
        // what a sanitiser or a script-less renderer keeps: no inline SVG, no style element, no slider
        assertFalse(outside.contains("<svg") || outside.contains("<style") || outside.contains("<input"), outside);
        assertTrue(outside.contains("<img src=\"data:image/svg+xml;base64,"), outside);
        assertTrue(outside.contains("alt=\"" + FocalLossExplorer.escape(e.pictureDescription()) + "\""));
        assertTrue(outside.contains(" width=\"640\" height=\"478\""), "chart 336 + modulator 142");
        assertTrue(outside.contains(">" + Headline.sentence(3, 0.9) + "</p>"), "the headline as text");
        // the image is the picture without the headline line, with the same curve the script draws
        String src = outside.substring(outside.indexOf("base64,") + 7, outside.indexOf('"', outside.indexOf("base64,")));
        String picture = new String(java.util.Base64.getDecoder().decode(src), StandardCharsets.UTF_8);
        assertEquals(e.pictureSvg(), picture);
        assertTrue(picture.contains(FocalLossExplorer.path(pt -> FocalLoss.loss(pt, 3), 30, 250, 5, true)));
        assertFalse(picture.contains("Focal loss with γ"), "the headline is HTML text, not in the picture");
        String sentence = Headline.sentence(3, 0.9);
        int cut = sentence.indexOf(". ") + 1;
        assertTrue(e.toSvg().contains(">" + sentence.substring(0, cut) + "</text><text x=\"56\" y=\"")
                && e.toSvg().contains(">" + sentence.substring(cut + 1) + "</text></svg>"),
                "image/svg+xml keeps the headline, in two lines: " + e.toSvg());
        // inside the script, the live markup is one string literal without a single '<'
        String script = html.substring(html.indexOf("<script>") + 8, html.indexOf("</script>"));
        assertTrue(script.contains(UpgradableHtml.jsString(e.liveMarkup())));
        assertFalse(UpgradableHtml.jsString(e.liveMarkup()).contains("<"));
    }

    @Test
    void theAltTextSaysWhatThePictureShows() {
        assertEquals("Focal loss against p_t at γ = 2.00: the focal loss (orange) and the cross-entropy (dashed grey) "
                + "for p_t from 0 (hard examples) to 1 (easy examples), loss axis 0 to 5; below, the modulating factor "
                + "(1 − p_t)^γ (blue) from 1 down to 0.",
                FocalLossExplorer.builder().showModulator(true).build().pictureDescription());
        assertFalse(FocalLossExplorer.of(2).pictureDescription().contains("modulating"));
    }

    @Test
    void modulatorSubplotIsOptional() {
        assertFalse(FocalLossExplorer.builder().showModulator(false).build().toHtml().contains("class=\"fle-sub\""));
    }

    @Test
    void staticSvgShowsTheDefaultStateWithTheSamePathTheScriptDraws() {
        FocalLossExplorer e = FocalLossExplorer.of(2);
        String expected = FocalLossExplorer.path(pt -> FocalLoss.loss(pt, 2), 30, 250, 5, true);
        assertTrue(e.liveMarkup().contains("<path class=\"fle-fl\" d=\"" + expected + "\"/>"));
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
        for (String html : new String[] {a.toHtml() + a.liveMarkup(), b.toHtml() + b.liveMarkup()}) {
            Matcher m = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
            while (m.find()) {
                assertTrue(ids.add(m.group(1)), "duplicate id " + m.group(1));
            }
        }
    }

    @Test
    void everyTextPlacedInTheHtmlIsEscaped() {
        FocalLossExplorer e = FocalLossExplorer.builder().title("<script>alert('x')</script> & \"q\"").build();
        String escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;";
        for (String html : new String[] {e.toHtml(), e.liveMarkup(), e.toSvg(), e.toPage()}) {
            assertFalse(html.contains("<script>alert"), html);
            assertTrue(html.contains(escaped) || html.contains(UpgradableHtml.jsString(escaped).replace("\"", "")), html);
        }
        assertTrue(e.toHtml().contains("alt=\"" + escaped + " at γ = 2.00"), "the alt text is escaped too");
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
