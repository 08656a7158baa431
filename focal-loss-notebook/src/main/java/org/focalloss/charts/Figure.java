package org.focalloss.charts;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import org.focalloss.core.InvalidArgumentException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A chart together with a plain-text description of what it shows, usable as alt text. Exports to PNG
 * and SVG.
 *
 * @param chart the XChart chart
 * @param description one or two sentences describing the chart, with its key numbers
 */
public record Figure(Chart<?, ?> chart, String description) {

    /**
     * @throws NullPointerException if either argument is null
     */
    public Figure {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(description, "description");
    }

    /**
     * @return the chart's title
     */
    public String title() {
        return chart.getTitle();
    }

    /**
     * @return the chart rendered as an image
     */
    public BufferedImage toImage() {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * @return the chart as PNG bytes
     */
    public byte[] toPng() {
        return render(out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * @return the chart as an SVG document
     */
    public String toSvg() {
        return new String(render(out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG)), StandardCharsets.UTF_8);
    }

    /**
     * Saves the chart as PNG or SVG, chosen by the file's extension. The file is written to a temporary
     * file first and moved into place, so a failed write never leaves a half-written file behind.
     *
     * @param path a {@code .png} or {@code .svg} file
     * @return the path
     * @throws InvalidArgumentException if the extension is neither .png nor .svg
     * @throws UncheckedIOException if the file cannot be written
     */
    public Path save(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (name.endsWith(".png")) {
            bytes = toPng();
        } else if (name.endsWith(".svg")) {
            bytes = toSvg().getBytes(StandardCharsets.UTF_8);
        } else {
            throw new InvalidArgumentException("output file \"" + path.getFileName()
                    + "\" has an unsupported type: use a name ending in .png or .svg");
        }
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + path.getFileName() + ".part");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
        return path;
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static byte[] render(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return title() + ": " + description;
    }
}
