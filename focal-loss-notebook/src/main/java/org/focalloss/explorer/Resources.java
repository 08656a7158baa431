package org.focalloss.explorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/** What the explorer layer's HTML widgets share: their script and CSS resources, the page around them, saving. */
final class Resources {

    private Resources() {
    }

    /**
     * A resource next to this class, as text, checked to be safe for inlining in {@code <script>}/{@code <style>}.
     *
     * @param name the file name, e.g. {@code "calculator.js"}
     * @return its text
     * @throws IllegalStateException if it is missing or contains {@code </script} or {@code </style}
     */
    static String text(String name) {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // A literal "</script" would end the inline script early; the resources must never contain one.
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.contains("</script") || lower.contains("</style")) {
                throw new IllegalStateException(name + " contains </script or </style");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param title the page title (escaped here)
     * @param body the HTML of the body
     * @return a complete HTML page
     */
    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
                + FocalLossExplorer.escape(title) + "</title>\n</head>\n<body>\n" + body + "\n</body>\n</html>\n";
    }

    /**
     * Writes a file through a temporary file in the same directory that is then moved into place, so an
     * existing file is replaced whole or not at all.
     *
     * @param path the file
     * @param content its text (UTF-8)
     * @return the path
     * @throws UncheckedIOException if the file cannot be written
     */
    static Path save(Path path, String content) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path part = dir.resolve("." + path.getFileName() + ".part");
            try {
                Files.writeString(part, content, StandardCharsets.UTF_8);
                Files.move(part, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
