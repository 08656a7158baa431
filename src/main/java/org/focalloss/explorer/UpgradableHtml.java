package org.focalloss.explorer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An HTML output that shows a static picture wherever HTML is shown and turns into an interactive widget
 * wherever scripts run: "static first, upgraded by its script". The building block of the explorer's
 * notebook output, and meant for any other widget shown by a notebook (a calculator, say).
 *
 * <p>Why: a notebook opened fresh on Binder is <em>untrusted</em>. JupyterLab then renders an output's
 * {@code text/html} (the preferred safe MIME type) through its sanitiser (sanitize-html with JupyterLab's
 * allow-list, {@code packages/apputils/src/sanitizer.ts}), which
 * <ul>
 *   <li>drops {@code <script>} and {@code <style>} elements <em>with</em> their content;</li>
 *   <li>drops every element it does not allow — {@code svg}, {@code path}, {@code text}, {@code template} …
 *       — but <em>keeps their text</em>, so an inline SVG chart turns into a run of axis labels;</li>
 *   <li>keeps {@code div}, {@code p}, {@code figure}, {@code table}…, {@code class}, {@code title}, a checked
 *       subset of inline {@code style}, and {@code <img>} with {@code src} (data: URIs included), {@code alt},
 *       {@code width} and {@code height}; renames {@code id} to {@code data-jupyter-id}; drops {@code aria-*},
 *       {@code role}, {@code data-*}; disables every {@code <input>}.</li>
 * </ul>
 * GitHub's notebook view and other static renderers also show {@code text/html} without running scripts.
 *
 * <p>So the fragment this class writes has two parts inside one root {@code <div>}:
 * <ol>
 *   <li>a <b>static part</b> made only of what survives: an {@code <img>} with the picture as a data URI
 *       (SVG or PNG), its alt text, and optional sanitiser-safe HTML (e.g. the headline as a paragraph);</li>
 *   <li>one <b>{@code <script>}</b> that carries the live markup (CSS, inline SVG, controls) as a JavaScript
 *       string, replaces the static part with it and then runs the widget's own script. Where scripts do
 *       not run, the live markup never reaches the page, so nothing of it can turn into stray text.</li>
 * </ol>
 * When the widget script starts, the live markup is in place inside the root, the root carries
 * {@code data-upgraded="true"}, and {@code document.currentScript.parentNode} is the root. Every text and
 * attribute value this class writes is HTML-escaped; the markup string is escaped for a script element (no
 * {@code <}, so no {@code </script>} can end it early), and a widget script containing {@code </script} is
 * refused.
 *
 * <pre>{@code
 * String html = UpgradableHtml.builder("my-widget")
 *         .staticSvg(pictureSvg, "Chart of ... (static picture; run the cell to use the slider)", 640, 478)
 *         .staticHtml("<p>" + UpgradableHtml.escape(caption) + "</p>")
 *         .liveHtml("<style>...</style><svg>...</svg><input type=\"range\">")
 *         .script("(function () { var root = document.currentScript.parentNode; ... })();")
 *         .build()
 *         .toHtml();
 * }</pre>
 */
public final class UpgradableHtml {

    /** Class of the static part (replaced by the live markup when the script runs). */
    public static final String STATIC_CLASS = "fl-static";
    /** Class of the element that holds the live markup after the upgrade. */
    public static final String LIVE_CLASS = "fl-live";

    private static final Pattern CSS_CLASS = Pattern.compile("-?[_a-zA-Z][_a-zA-Z0-9-]*");
    private static final Pattern DATA_NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /** Replaces the static part by the live markup; runs before the widget's script, in the same element. */
    private static final String UPGRADER = "(function (root, markup) {\n"
            + "  var live = root.ownerDocument.createElement('div');\n"
            + "  live.className = '" + LIVE_CLASS + "';\n"
            + "  live.innerHTML = markup;\n"
            + "  var shown = root.querySelector('." + STATIC_CLASS + "');\n"
            + "  if (shown && shown.parentNode === root) { root.replaceChild(live, shown); }\n"
            + "  else { root.insertBefore(live, root.firstChild); }\n"
            + "  root.setAttribute('data-upgraded', 'true');\n"
            + "})(document.currentScript.parentNode, ";

    private final String rootClass;
    private final String id;
    private final Map<String, String> data;
    private final String imageMime;
    private final byte[] image;
    private final String alt;
    private final int width;
    private final int height;
    private final String staticHtml;
    private final String liveHtml;
    private final String script;

    private UpgradableHtml(Builder b) {
        this.rootClass = b.rootClass;
        this.id = b.id;
        this.data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.data));
        this.imageMime = b.imageMime;
        this.image = b.image;
        this.alt = b.alt;
        this.width = b.width;
        this.height = b.height;
        this.staticHtml = b.staticHtml;
        this.liveHtml = b.liveHtml;
        this.script = b.script;
    }

    /**
     * @param rootClass the CSS class of the root {@code <div>} (a CSS identifier, e.g. {@code "fle"})
     * @return a builder
     * @throws IllegalArgumentException if the class is not a CSS identifier
     */
    public static Builder builder(String rootClass) {
        return new Builder(rootClass);
    }

    /**
     * @return the data URI of the static picture, {@code data:<mime>;base64,…}, or null if there is none
     */
    public String imageDataUri() {
        return image == null ? null
                : "data:" + imageMime + ";base64," + Base64.getEncoder().encodeToString(image);
    }

    /**
     * @return the live markup, as the script will insert it
     */
    public String liveHtml() {
        return liveHtml;
    }

    /**
     * The fragment: the root {@code <div>} with the static part and the one script.
     *
     * @return the HTML fragment
     */
    public String toHtml() {
        StringBuilder h = new StringBuilder(liveHtml.length() + script.length() + 4096);
        h.append("<div class=\"").append(rootClass).append('"');
        if (id != null) {
            h.append(" id=\"").append(escape(id)).append('"');
        }
        for (Map.Entry<String, String> d : data.entrySet()) {
            h.append(" data-").append(d.getKey()).append("=\"").append(escape(d.getValue())).append('"');
        }
        h.append(">\n<div class=\"").append(STATIC_CLASS).append("\">");
        if (image != null) {
            h.append("<img src=\"").append(imageDataUri()).append("\" alt=\"").append(escape(alt))
                    .append("\" width=\"").append(width).append("\" height=\"").append(height)
                    .append("\" style=\"max-width: 100%; height: auto\">");
        }
        h.append(staticHtml).append("</div>\n<script>").append(UPGRADER).append(jsString(liveHtml)).append(");\n")
                .append(script).append("\n</script>\n</div>");
        return h.toString();
    }

    @Override
    public String toString() {
        return toHtml();
    }

    /**
     * Escapes text for HTML element content and attribute values.
     *
     * @param text any text
     * @return the text with {@code & < > " '} escaped
     */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A JavaScript string literal safe inside an HTML {@code <script>} element: quotes, backslashes,
     * control characters, U+2028/U+2029 and {@code < > &} are written as escapes, so the literal can never
     * contain {@code </script} or {@code <!--}.
     *
     * @param text any text
     * @return the quoted literal
     */
    static String jsString(String text) {
        StringBuilder b = new StringBuilder(text.length() + text.length() / 8 + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Builder for {@link UpgradableHtml}. */
    public static final class Builder {
        private final String rootClass;
        private String id;
        private final Map<String, String> data = new LinkedHashMap<>();
        private String imageMime;
        private byte[] image;
        private String alt = "";
        private int width;
        private int height;
        private String staticHtml = "";
        private String liveHtml = "";
        private String script = "";

        private Builder(String rootClass) {
            Objects.requireNonNull(rootClass, "rootClass");
            if (!CSS_CLASS.matcher(rootClass).matches()) {
                throw new IllegalArgumentException("rootClass = \"" + rootClass + "\" is not a CSS class name");
            }
            this.rootClass = rootClass;
        }

        /**
         * @param value the root element's id (escaped), or null for none
         * @return this builder
         */
        public Builder id(String value) {
            id = value;
            return this;
        }

        /**
         * Adds a {@code data-*} attribute to the root (for the script; the sanitiser drops it).
         *
         * @param name  the name after {@code data-}, lower case, e.g. {@code "gamma"}
         * @param value the value (escaped)
         * @return this builder
         * @throws IllegalArgumentException if the name is not lower-case letters, digits and dashes
         */
        public Builder data(String name, String value) {
            if (!DATA_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("data attribute name \"" + name + "\" is not [a-z][a-z0-9-]*");
            }
            data.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The static picture as an SVG document, shown as {@code <img src="data:image/svg+xml;base64,…">}
         * (an SVG inside {@code <img>} runs no script and loads nothing, so sanitisers keep it).
         *
         * @param svg    a complete SVG document ({@code <svg xmlns="http://www.w3.org/2000/svg" …>})
         * @param alt    the text alternative (escaped)
         * @param width  display width in CSS pixels, &gt; 0
         * @param height display height in CSS pixels, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if the text is not an SVG document or a size is not positive
         */
        public Builder staticSvg(String svg, String alt, int width, int height) {
            if (!svg.startsWith("<svg") || !svg.contains("xmlns=\"http://www.w3.org/2000/svg\"")) {
                throw new IllegalArgumentException("the static SVG must be an <svg xmlns=\"http://www.w3.org/2000/svg\"> "
                        + "document");
            }
            return image("image/svg+xml", svg.getBytes(StandardCharsets.UTF_8), alt, width, height);
        }

        /**
         * The static picture as a PNG, e.g. rendered at 2× and displayed at half its pixel size.
         *
         * @param png    the PNG bytes
         * @param alt    the text alternative (escaped)
         * @param width  display width in CSS pixels, &gt; 0
         * @param height display height in CSS pixels, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if the bytes are not a PNG or a size is not positive
         */
        public Builder staticPng(byte[] png, String alt, int width, int height) {
            if (png.length < 8 || (png[0] & 0xff) != 0x89 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') {
                throw new IllegalArgumentException("the static picture is not a PNG");
            }
            return image("image/png", png.clone(), alt, width, height);
        }

        private Builder image(String mime, byte[] bytes, String text, int w, int h) {
            if (w <= 0 || h <= 0) {
                throw new IllegalArgumentException("image size " + w + " x " + h + " is not positive");
            }
            imageMime = mime;
            image = bytes;
            alt = Objects.requireNonNull(text, "alt");
            width = w;
            height = h;
            return this;
        }

        /**
         * More of the static part, after the picture: HTML the caller has escaped, using only what the
         * sanitiser keeps (paragraphs, tables, {@code class}, simple inline {@code style}).
         *
         * @param html sanitiser-safe HTML
         * @return this builder
         */
        public Builder staticHtml(String html) {
            staticHtml = Objects.requireNonNull(html, "html");
            return this;
        }

        /**
         * @param html the interactive markup (may contain {@code <style>}, inline SVG, inputs); inserted by the
         *             script only
         * @return this builder
         */
        public Builder liveHtml(String html) {
            liveHtml = Objects.requireNonNull(html, "html");
            return this;
        }

        /**
         * @param js the widget's script, run after the live markup is in place
         * @return this builder
         * @throws IllegalArgumentException if it contains {@code </script}, which would end the element early
         */
        public Builder script(String js) {
            if (js.toLowerCase(Locale.ROOT).contains("</script")) {
                throw new IllegalArgumentException("the widget script contains </script");
            }
            script = js;
            return this;
        }

        /**
         * @return the fragment's model
         */
        public UpgradableHtml build() {
            return new UpgradableHtml(this);
        }
    }
}
