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
import org.focalloss.core.FocalLoss;
import org.focalloss.core.Headline;
import org.focalloss.explorer.FocalLossExplorer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/**
 * What {@code Notebook.show(FocalLossExplorer)} publishes, MIME type by MIME type, checked against the rules
 * of JupyterLab's sanitiser for untrusted outputs (jupyterlab 4.5, packages/apputils/src/sanitizer.ts:
 * allowedTags, allowedAttributes, allowedStyles) and of an SVG shown through {@code <img>} (well-formed XML).
 */
class ExplorerBundleTest {

    /** The tags and attributes the static part may use: a subset of what the sanitiser allows. */
    private static final Set<String> SAFE_TAGS = Set.of("div", "p", "img");
    private static final Set<String> SAFE_ATTRIBUTES = Set.of("class", "id", "style", "alt", "src", "width", "height");
    private static final Set<String> SAFE_STYLES = Set.of("margin", "font-size", "font-style", "line-height",
            "max-width", "height", "width");
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[^\\s=>]+=\"[^\"]*\")*)\\s*/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([^\\s=>]+)=\"([^\"]*)\"");

    private static FocalLossExplorer explorer(String title) {
        return FocalLossExplorer.builder().gamma(2).showModulator(true).title(title).build();
    }

    @ParameterizedTest(name = "title {0}")
    @ValueSource(strings = {"Focal loss against p_t", "<script>alert('x')</script> & \"q\" <b>"})
    void everyMimeTypeHoldsWhatItsRendererNeeds(String title) throws Exception {
        FocalLossExplorer e = explorer(title);
        Map<String, String> bundle = Notebook.bundle(e);
        assertEquals(List.of("text/html", "image/svg+xml", "text/plain"), List.copyOf(bundle.keySet()));
        assertEquals(e.description(), bundle.get("text/plain"), "plain text is the description, unescaped");

        String html = bundle.get("text/html");
        int open = html.indexOf("<script>");
        int close = html.indexOf("</script>");
        assertTrue(open > 0 && close > open && html.indexOf("<script", open + 1) < 0, "exactly one script");
        String outside = html.substring(0, open) + html.substring(close + "</script>".length());
        Matcher tag = TAG.matcher(outside);
        int tags = 0;
        while (tag.find()) {
            tags++;
            assertTrue(SAFE_TAGS.contains(tag.group(1)), "sanitiser drops <" + tag.group(1) + ">");
            Matcher a = ATTRIBUTE.matcher(tag.group(2));
            while (a.find()) {
                String name = a.group(1);
                assertTrue(SAFE_ATTRIBUTES.contains(name) || name.startsWith("data-"), "attribute " + name);
                if (name.equals("style")) {
                    for (String decl : a.group(2).split(";")) {
                        String property = decl.split(":")[0].trim();
                        assertTrue(SAFE_STYLES.contains(property), "style property " + property);
                    }
                }
            }
        }
        assertEquals(5, tags, "root div, static div, img, headline p, note p: " + outside);
        String text = outside.replaceAll("<[^>]*>", "");
        assertEquals(Headline.sentence(2, 0.9) + "A static picture of γ = 2.00: run the cell to move γ with the slider.",
                text.strip(), "the only text outside the script: the headline and the note");

        // the <img>: an SVG data URI of the picture, valid XML (an <img> shows nothing otherwise), alt escaped
        Matcher src = Pattern.compile("<img src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\" alt=\"([^\"]*)\"")
                .matcher(outside);
        assertTrue(src.find(), outside);
        String picture = new String(Base64.getDecoder().decode(src.group(1)), StandardCharsets.UTF_8);
        Document doc = parse(picture);
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(picture.contains(FocalLossExplorerPaths.focalLoss(2)), "the FL curve at γ = 2");
        assertEquals(FocalLossExplorer.escape(e.pictureDescription()), src.group(2));
        assertTrue(doc.getDocumentElement().getTextContent().contains(title), "the title, escaped as XML text");

        // image/svg+xml: the same picture plus the headline, also well-formed
        Document svg = parse(bundle.get("image/svg+xml"));
        assertTrue(svg.getDocumentElement().getTextContent().contains("suppressing the cross-entropy loss by 100×."));
        assertFalse(html.contains("<script>alert") || bundle.get("image/svg+xml").contains("<script>alert"));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The explorer's path data, computed here from FocalLoss with the explorer's plot box (56, 30, 564 × 250). */
    private static final class FocalLossExplorerPaths {
        static String focalLoss(double gamma) {
            StringBuilder d = new StringBuilder();
            for (int i = 0; i <= 200; i++) {
                double pt = i / 200.0;
                double v = FocalLoss.loss(Math.max(pt, 1e-10), gamma);
                if (v > 5) {
                    continue;
                }
                d.append(d.length() == 0 ? 'M' : 'L').append(String.format(java.util.Locale.ROOT, "%.1f %.1f",
                        56 + pt * 564, 30 + 250 * (1 - v / 5)));
            }
            return d.toString();
        }
    }
}
