package org.focalloss.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.focalloss.core.Check;
import org.focalloss.core.Fmt;
import org.focalloss.core.InvalidArgumentException;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;

/**
 * A chart together with a plain-text description of what it shows (its alt text), and the second tier
 * of the chart API: title, axis titles, series labels, colours, size and scale, without knowing XChart.
 *
 * <pre>{@code
 * Figure f = FocalCharts.figure1()
 *         .title("Focal loss for five γ")
 *         .xAxisTitle("p_t").yAxisTitle("FL")
 *         .labels("CE", "γ = 0.5", "γ = 1", "γ = 2", "γ = 5")
 *         .colors("#000000", "#E69F00", "#56B4E9", "#009E73", "#0072B2")
 *         .size(960, 540)       // CSS pixels; fonts and lines grow with the size
 *         .scale(2);            // PNG pixels per CSS pixel: 1920 × 1080
 * f.save(Path.of("fig1.png"));
 * }</pre>
 *
 * <p>The restyling methods change this figure and return it. The description always ends with the legend
 * as it is drawn ({@link #legend()}, e.g. {@code "Legend: CE, thin black line; γ = 2, orange line."}), so
 * words about colours and line styles follow the chart instead of being typed by hand. Series are
 * addressed by their position in the legend, never by name.
 *
 * <p>Size and scale: {@link #width()} × {@link #height()} is the size a reader sees (CSS pixels in a
 * notebook, pixels of the PNG at scale 1); the PNG has {@code width × scale} × {@code height × scale}
 * pixels, drawn anti-aliased, so a scale of 2 is sharp on a 2× (HiDPI) screen. The SVG is always
 * {@code width × height} user units, with its text as text.
 */
public final class Figure {

    /** The most pixels one PNG may have: 40 million (e.g. 8000 × 5000). */
    public static final long MAX_PIXELS = 40_000_000L;

    private final Chart<?, ?> chart;
    private final String summary;
    private final Map<Series, Float> lineWidths = new LinkedHashMap<>();
    private int width;
    private int height;
    private double scale = 1;

    /**
     * @param chart the XChart chart; its width and height become the figure's size
     * @param description one or two sentences describing the chart, with its key numbers; the legend is
     *     appended by {@link #description()}
     * @throws NullPointerException if either argument is null
     */
    public Figure(Chart<?, ?> chart, String description) {
        this.chart = Objects.requireNonNull(chart, "chart");
        this.summary = Objects.requireNonNull(description, "description");
        this.width = chart.getWidth();
        this.height = chart.getHeight();
        for (Series s : chart.getSeriesMap().values()) {
            if (s instanceof XYSeries xy && xy.getLineStyle() != null) {
                lineWidths.put(s, xy.getLineStyle().getLineWidth());
            }
        }
    }

    /**
     * @return the XChart chart, for what this class does not cover (third tier)
     */
    public Chart<?, ?> chart() {
        return chart;
    }

    /**
     * @return what the chart shows with its key numbers, then its {@link #legend()}: the alt text
     */
    public String description() {
        String legend = legend();
        return legend.isEmpty() ? summary : summary + " " + legend;
    }

    /**
     * The legend in words, from the chart as it is drawn: each series' label, colour and line.
     *
     * @return e.g. {@code "Legend: CE, thin black line; γ = 2, orange line."}, empty without series
     */
    public String legend() {
        List<String> parts = new ArrayList<>();
        for (Series s : chart.getSeriesMap().values()) {
            parts.add(s.getLabel() + ", " + style(s));
        }
        return parts.isEmpty() ? "" : "Legend: " + String.join("; ", parts) + ".";
    }

    private String style(Series s) {
        if (s instanceof XYSeries xy) {
            float w = lineWidths.getOrDefault(s, ChartStyle.LINE);
            Color c = xy.getLineColor() != null ? xy.getLineColor() : Color.BLACK;
            return (w < ChartStyle.LINE ? "thin " : "") + ChartStyle.colorName(c) + " line";
        }
        Color c = s.getFillColor() != null ? s.getFillColor() : Color.BLACK;
        return ChartStyle.colorName(c) + " bars";
    }

    /**
     * @return the chart's title
     */
    public String title() {
        return chart.getTitle();
    }

    /**
     * @return the title of the x axis
     */
    public String xAxisTitle() {
        return chart.getXAxisTitle();
    }

    /**
     * @return the title of the y axis
     */
    public String yAxisTitle() {
        return chart.getYAxisTitle();
    }

    /**
     * @return the series labels as the legend shows them, in legend order
     */
    public List<String> labels() {
        List<String> out = new ArrayList<>();
        for (Series s : chart.getSeriesMap().values()) {
            out.add(s.getLabel());
        }
        return out;
    }

    /**
     * @return each series' colour (line colour, or fill colour for bars), in legend order
     */
    public List<Color> colors() {
        List<Color> out = new ArrayList<>();
        for (Series s : chart.getSeriesMap().values()) {
            out.add(s instanceof XYSeries xy ? xy.getLineColor() : s.getFillColor());
        }
        return out;
    }

    /**
     * @return each line's width at the default size, in legend order (empty for bar charts)
     */
    public List<Float> lineWidths() {
        return new ArrayList<>(lineWidths.values());
    }

    /**
     * @return the width a reader sees, in CSS pixels
     */
    public int width() {
        return width;
    }

    /**
     * @return the height a reader sees, in CSS pixels
     */
    public int height() {
        return height;
    }

    /**
     * @return PNG pixels per CSS pixel (1 unless set)
     */
    public double scale() {
        return scale;
    }

    /**
     * @param value the chart's title
     * @return this figure
     * @throws NullPointerException if value is null
     */
    public Figure title(String value) {
        chart.setTitle(Objects.requireNonNull(value, "title"));
        return this;
    }

    /**
     * @param value the x axis title
     * @return this figure
     * @throws NullPointerException if value is null
     */
    public Figure xAxisTitle(String value) {
        chart.setXAxisTitle(Objects.requireNonNull(value, "x axis title"));
        return this;
    }

    /**
     * @param value the y axis title
     * @return this figure
     * @throws NullPointerException if value is null
     */
    public Figure yAxisTitle(String value) {
        chart.setYAxisTitle(Objects.requireNonNull(value, "y axis title"));
        return this;
    }

    /**
     * Renames the series in legend order; the data and colours stay.
     *
     * @param values one label per series, e.g. {@code "cross-entropy", "focal loss"}
     * @return this figure
     * @throws InvalidArgumentException if the count differs from the number of series, or a label is blank
     *     or repeated
     */
    public Figure labels(String... values) {
        List<Series> series = series("labels", values.length);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null || values[i].isBlank()) {
                throw new InvalidArgumentException("label " + (i + 1) + " is empty: give every series a name");
            }
            if (!seen.add(values[i].strip())) {
                throw new InvalidArgumentException("label \"" + values[i].strip() + "\" is given twice:"
                        + " two series with one name cannot be told apart");
            }
        }
        for (int i = 0; i < values.length; i++) {
            series.get(i).setLabel(values[i].strip());
        }
        return this;
    }

    /**
     * Recolours the series in legend order.
     *
     * @param values one colour per series
     * @return this figure
     * @throws InvalidArgumentException if the count differs from the number of series
     * @throws NullPointerException if a colour is null
     */
    public Figure colors(Color... values) {
        List<Series> series = series("colors", values.length);
        for (int i = 0; i < values.length; i++) {
            Color c = Objects.requireNonNull(values[i], "color");
            Series s = series.get(i);
            if (s instanceof XYSeries xy) {
                xy.setLineColor(c);
                xy.setMarkerColor(c);
            }
            s.setFillColor(c);
        }
        return this;
    }

    /**
     * Recolours the series in legend order, with CSS hex colours.
     *
     * @param values one colour per series, {@code #rrggbb} or {@code #rgb}
     * @return this figure
     * @throws InvalidArgumentException if a colour is not a hex colour, or the count differs from the number
     *     of series
     */
    public Figure colors(String... values) {
        Color[] colors = new Color[values.length];
        for (int i = 0; i < values.length; i++) {
            colors[i] = parseColor(values[i]);
        }
        return colors(colors);
    }

    /**
     * @param text {@code #rrggbb} or {@code #rgb} (the {@code #} is optional)
     * @return the colour
     * @throws InvalidArgumentException if the text is not such a colour
     */
    public static Color parseColor(String text) {
        String t = text == null ? "" : text.strip();
        String hex = t.startsWith("#") ? t.substring(1) : t;
        if (hex.matches("[0-9a-fA-F]{3}")) {
            hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
        }
        if (!hex.matches("[0-9a-fA-F]{6}")) {
            throw new InvalidArgumentException("color = \"" + text + "\" is not a hex colour (expected e.g. #E69F00)");
        }
        return new Color(Integer.parseInt(hex, 16));
    }

    /**
     * Sets the size a reader sees. Text, lines and tick spacing grow with it (by {@link
     * ChartStyle#sizeFactor}), so a large chart looks like an enlarged default one.
     *
     * @param w width in CSS pixels, at least 100
     * @param h height in CSS pixels, at least 80
     * @return this figure
     * @throws InvalidArgumentException if a side is too small, or the PNG would exceed {@link #MAX_PIXELS}
     */
    public Figure size(int w, int h) {
        Check.atLeast("width", w, 100);
        Check.atLeast("height", h, 80);
        checkPixels(w, h, scale);
        width = w;
        height = h;
        return this;
    }

    /**
     * Sets how many PNG pixels make one CSS pixel: 2 for sharp charts on a 2× screen or a slide.
     *
     * @param value the scale, in [0.5, 8]
     * @return this figure
     * @throws InvalidArgumentException if the scale is out of range, or the PNG would exceed {@link #MAX_PIXELS}
     */
    public Figure scale(double value) {
        checkScale(value);
        checkPixels(width, height, value);
        scale = value;
        return this;
    }

    private static void checkScale(double value) {
        if (!(value >= 0.5 && value <= 8)) {
            throw Check.outOfRange("scale", value, "[0.5, 8]");
        }
    }

    private static void checkPixels(int w, int h, double s) {
        long pixels = Math.round(w * s) * Math.round(h * s);
        if (pixels > MAX_PIXELS) {
            throw new InvalidArgumentException("the image would have " + Math.round(w * s) + " × " + Math.round(h * s)
                    + " = " + Fmt.grouped(pixels) + " pixels, more than " + Fmt.grouped(MAX_PIXELS)
                    + ": lower the size or the scale");
        }
    }

    private List<Series> series(String what, int count) {
        List<Series> series = new ArrayList<>(chart.getSeriesMap().values());
        if (count != series.size()) {
            throw new InvalidArgumentException(what + " has " + count + " value(s) but the chart has "
                    + series.size() + " series (" + String.join(", ", labels()) + ")");
        }
        return series;
    }

    /** Fonts, paddings and line widths for the current size, before every rendering. */
    void prepare() {
        double k = ChartStyle.sizeFactor(width, height);
        ChartStyle.size(chart.getStyler(), k);
        for (Map.Entry<Series, Float> e : lineWidths.entrySet()) {
            BasicStroke base = ((XYSeries) e.getKey()).getLineStyle();
            ((XYSeries) e.getKey()).setLineStyle(new BasicStroke((float) (e.getValue() * k), base.getEndCap(),
                    base.getLineJoin()));
        }
    }

    /**
     * @return the chart rendered at {@link #scale()}
     */
    public BufferedImage toImage() {
        return toImage(scale);
    }

    /**
     * Renders the chart anti-aliased (lines and text) with {@code scale} image pixels per CSS pixel.
     *
     * @param s the scale, in [0.5, 8]
     * @return an image of {@code round(width × s)} × {@code round(height × s)} pixels
     * @throws InvalidArgumentException if the scale is out of range or the image too large
     */
    public BufferedImage toImage(double s) {
        checkScale(s);
        checkPixels(width, height, s);
        prepare();
        int w = (int) Math.round(width * s);
        int h = (int) Math.round(height * s);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.scale(w / (double) width, h / (double) height);
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * @return the chart as PNG bytes at {@link #scale()}
     */
    public byte[] toPng() {
        return toPng(scale);
    }

    /**
     * @param s the scale, in [0.5, 8]
     * @return the chart as PNG bytes, {@code round(width × s)} × {@code round(height × s)} pixels
     * @throws InvalidArgumentException if the scale is out of range or the image too large
     */
    public byte[] toPng(double s) {
        BufferedImage image = toImage(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0f); // the strongest deflate: about 8 % smaller, still lossless
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * The chart as a standalone SVG document of {@code width × height} user units: text as
     * {@code <text>} (selectable, searchable, sharp at any zoom), one path per curve, the description as
     * its {@code <title>}.
     *
     * @return the SVG document
     */
    public String toSvg() {
        prepare();
        return SvgWriter.write(this);
    }

    /**
     * Saves the chart as PNG (at {@link #scale()}) or SVG, chosen by the file's extension. The file is
     * written to a temporary file first and moved into place, so a failed write never leaves a
     * half-written file behind.
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
            Path tmp = Files.createTempFile(dir, "." + path.getFileName(), ".part");
            try {
                Files.write(tmp, bytes);
                // a temporary file is private (rw-------); the chart gets the target's permissions, or rw-r--r--
                try {
                    Files.setPosixFilePermissions(tmp, Files.exists(path) ? Files.getPosixFilePermissions(path)
                            : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the default permissions apply
                }
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
        return path;
    }

    @Override
    public String toString() {
        return title() + ": " + description();
    }
}
