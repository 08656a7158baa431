package org.focalloss.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.focalloss.core.WorkedExample;
import org.focalloss.explorer.CalculatorWidget;
import org.junit.jupiter.api.Test;

/**
 * What {@code Notebook.show(CalculatorWidget)} publishes: a text/html whose part outside the script uses
 * only what JupyterLab's sanitiser keeps for an untrusted notebook (packages/apputils/src/sanitizer.ts), an
 * SVG chart, and the text version.
 */
class CalculatorBundleTest {

    private static final Set<String> SAFE_TAGS = Set.of("div", "p", "img", "table", "caption", "thead", "tbody", "tr",
            "th", "td");
    private static final Set<String> SAFE_STYLES = Set.of("font-weight", "font-style", "font-size", "text-align",
            "max-width", "height", "overflow-x");   // overflow-x: JupyterLab allows it (OVERFLOW_X)
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[^\\s=>]+=\"[^\"]*\")*)\\s*/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([^\\s=>]+)=\"([^\"]*)\"");

    @Test
    void bundleIsHtmlThenSvgThenText() {
        Map<String, String> b = Notebook.bundle(CalculatorWidget.of(WorkedExample.HARD));
        assertEquals(List.of("text/html", "image/svg+xml", "text/plain"), List.copyOf(b.keySet()));
        assertTrue(b.get("text/plain").contains(WorkedExample.HARD.result().toText()));
        assertTrue(b.get("text/plain").startsWith("Softmax focal-loss calculator with fields"));
    }

    @Test
    void staticPartUsesOnlyWhatTheSanitiserKeepsAndShowsTheWorkedExample() throws Exception {
        String html = Notebook.bundle(CalculatorWidget.of(WorkedExample.HARD)).get("text/html");
        int script = html.indexOf("<script>");
        assertEquals(html.lastIndexOf("<script>"), script, "one script");
        String stat = html.substring(0, script) + html.substring(html.indexOf("</script>") + 9);
        Matcher t = TAG.matcher(stat);
        String src = null;
        while (t.find()) {
            assertTrue(SAFE_TAGS.contains(t.group(1)), "tag " + t.group(1));
            Matcher a = ATTRIBUTE.matcher(t.group(2));
            while (a.find()) {
                if (a.group(1).equals("style")) {
                    for (String decl : a.group(2).split(";")) {
                        assertTrue(SAFE_STYLES.contains(decl.split(":")[0].strip()), "style " + decl);
                    }
                }
                if (a.group(1).equals("src")) {
                    src = a.group(2);
                }
            }
        }
        assertTrue(src != null && src.startsWith("data:image/svg+xml;base64,"), "the chart is a data-URI image");
        byte[] svg = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        String text = stat.replaceAll("<[^>]+>", " ");
        assertTrue(text.contains("FL = 0.562143."), "FL of worked example 2");
        assertTrue(text.contains("run the cell to edit the values"));
        assertFalse(text.contains("{") || text.contains("function"), "no CSS or script text left behind");
        assertTrue(new String(svg, StandardCharsets.UTF_8).contains("true class 1: p_t = 0.073033"));
    }
}
