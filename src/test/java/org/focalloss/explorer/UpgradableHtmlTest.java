package org.focalloss.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpgradableHtmlTest {

    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 2\"><path d=\"M0 0L4 2\"/></svg>";

    @Test
    void staticPartHoldsTheImageAndTheSafeHtmlAndTheScriptHoldsTheLiveMarkup() {
        UpgradableHtml w = UpgradableHtml.builder("demo").id("d-1").data("gamma", "2")
                .staticSvg(SVG, "A line", 40, 20).staticHtml("<p>caption</p>")
                .liveHtml("<svg><text>live</text></svg><input type=\"range\">").script("window.ran = true;").build();
        String html = w.toHtml();
        assertTrue(html.startsWith("<div class=\"demo\" id=\"d-1\" data-gamma=\"2\">\n<div class=\"fl-static\">"
                + "<img src=\"data:image/svg+xml;base64,"), html);
        String src = html.substring(html.indexOf("base64,") + 7, html.indexOf("\" alt="));
        assertEquals(SVG, new String(Base64.getDecoder().decode(src), StandardCharsets.UTF_8));
        assertTrue(html.contains("\" alt=\"A line\" width=\"40\" height=\"20\" style=\"max-width: 100%; height: auto\">"
                + "<p>caption</p></div>\n<script>"));
        assertTrue(html.endsWith("window.ran = true;\n</script>\n</div>"));
        // the live markup is only inside the script, as a string literal without '<'
        assertFalse(html.contains("<svg") || html.contains("<input"), "no inline svg or input in the markup");
        assertFalse(html.contains("<text>live"));
        assertTrue(html.contains("\"\\u003csvg\\u003e\\u003ctext\\u003elive\\u003c/text\\u003e\\u003c/svg\\u003e"
                + "\\u003cinput type=\\\"range\\\"\\u003e\""), html);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`</script>`        | `\"\\u003c/script\\u003e\"`",
        "`<!-- x -->`       | `\"\\u003c!-- x --\\u003e\"`",
        "`a \"q\" \\ b`     | `\"a \\\"q\\\" \\\\ b\"`",
        "`tab\tend`         | `\"tab\\tend\"`",
        "`γ & \u2028`       | `\"γ \\u0026 \\u2028\"`",
    })
    void markupIsEscapedForAScriptElement(String text, String literal) {
        assertEquals(literal, UpgradableHtml.jsString(text));
    }

    @Test
    void textAndAttributeValuesAreEscaped() {
        String html = UpgradableHtml.builder("demo").id("\"><b>").data("title", "<i>&'")
                .staticSvg(SVG, "\"onerror=\"x", 1, 1).build().toHtml();
        assertTrue(html.contains("id=\"&quot;&gt;&lt;b&gt;\" data-title=\"&lt;i&gt;&amp;&#39;\""), html);
        assertTrue(html.contains("alt=\"&quot;onerror=&quot;x\""), html);
        assertFalse(html.contains("<b>") || html.contains("<i>"));
    }

    @Test
    void aPngPictureIsADataUriToo() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0};
        UpgradableHtml w = UpgradableHtml.builder("demo").staticPng(png, "alt", 10, 5).build();
        assertEquals("data:image/png;base64," + Base64.getEncoder().encodeToString(png), w.imageDataUri());
        assertTrue(w.toHtml().contains("<img src=\"" + w.imageDataUri() + "\" alt=\"alt\" width=\"10\" height=\"5\""));
    }

    @Test
    void withoutAPictureThereIsNoImage() {
        String html = UpgradableHtml.builder("demo").staticHtml("<table><tr><td>1</td></tr></table>").build().toHtml();
        assertFalse(html.contains("<img"));
        assertTrue(html.contains("<div class=\"fl-static\"><table><tr><td>1</td></tr></table></div>"));
    }

    @Test
    void badPartsAreRefusedWithAReason() {
        assertEquals("rootClass = \"a b\" is not a CSS class name",
                assertThrows(IllegalArgumentException.class, () -> UpgradableHtml.builder("a b")).getMessage());
        UpgradableHtml.Builder b = UpgradableHtml.builder("demo");
        assertEquals("the widget script contains </script",
                assertThrows(IllegalArgumentException.class, () -> b.script("x = '</SCRIPT>'")).getMessage());
        assertEquals("data attribute name \"Gamma\" is not [a-z][a-z0-9-]*",
                assertThrows(IllegalArgumentException.class, () -> b.data("Gamma", "2")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.staticSvg("<p>no</p>", "", 1, 1));
        assertEquals("image size 0 x 5 is not positive",
                assertThrows(IllegalArgumentException.class, () -> b.staticSvg(SVG, "", 0, 5)).getMessage());
        assertEquals("the static picture is not a PNG",
                assertThrows(IllegalArgumentException.class, () -> b.staticPng(new byte[] {1, 2}, "", 1, 1)).getMessage());
    }
}
