package org.focalloss.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.focalloss.charts.FocalCharts;
import org.focalloss.charts.Figure;
import org.focalloss.charts.PtChart;
import org.focalloss.core.Calculator;
import org.focalloss.core.InvalidArgumentException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plot}: saves a chart as PNG or SVG. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Saves a chart as PNG or SVG (chosen by the --out extension) and prints its description.",
            "Charts: fig1 (FL for several γ, the paper's Fig. 1; the default), loss (FL with CE underneath),",
            "modulator ((1-p_t)^γ on a 0..1 axis), gradients (dFL/dx_t), fl-star (Fig. 5),",
            "fl-star-gradients (Fig. 6), probabilities (softmax bars; needs --logits and --target).",
            "Restyle with --title, --x-title, --y-title, --labels, --colors; --width/--height set the size (text",
            "and lines grow with it), --scale the PNG pixels per pixel (2 for HiDPI screens and slides).",
            "Example: plot --gamma 0,0.5,1,2,5 --out fig1.png",
            "         plot loss --gamma 2 --title \"FL vs CE\" --labels \"cross-entropy;focal loss\" --scale 2 --out f.png"})
final class PlotCommand implements Callable<Integer> {

    enum Chart { fig1, loss, modulator, gradients, fl_star, fl_star_gradients, probabilities }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "fig1", paramLabel = "CHART",
            description = "fig1, loss, modulator, gradients, fl-star, fl-star-gradients or probabilities"
                    + " (default: ${DEFAULT-VALUE}).")
    private String chart;

    @Option(names = "--gamma", paramLabel = "LIST", description = "γ values separated by commas"
            + " (default: 0,0.5,1,2,5 for fig1, modulator and gradients; 2 otherwise).")
    private String gamma;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file ending in .png or .svg.")
    private Path out;

    @Option(names = "--width", paramLabel = "PX",
            description = "Width in pixels at scale 1 (default: 720; 480 for modulator). Text grows with the size.")
    private Integer width;

    @Option(names = "--height", paramLabel = "PX",
            description = "Height in pixels at scale 1 (default: 440; 260 for modulator, 360 for probabilities).")
    private Integer height;

    @Option(names = "--scale", defaultValue = "1", paramLabel = "S",
            description = "PNG pixels per pixel, 0.5 to 8 (default: ${DEFAULT-VALUE}; 2 for HiDPI screens and slides)."
                    + " The SVG is vector and ignores it.")
    private String scale;

    @Option(names = "--title", paramLabel = "TEXT", description = "The chart's title.")
    private String title;

    @Option(names = "--x-title", paramLabel = "TEXT", description = "The x axis title.")
    private String xTitle;

    @Option(names = "--y-title", paramLabel = "TEXT", description = "The y axis title.")
    private String yTitle;

    @Option(names = "--labels", paramLabel = "LIST",
            description = "Series labels in legend order, separated by ';' (labels may contain commas).")
    private String labels;

    @Option(names = "--colors", paramLabel = "LIST",
            description = "Series colours in legend order, hex, separated by commas, e.g. \"#000000,#E69F00\".")
    private String colors;

    @Option(names = "--y-max", defaultValue = "5", paramLabel = "Y",
            description = "Top of the loss axis; larger values are cut off (default: ${DEFAULT-VALUE}).")
    private String yMax;

    @Option(names = "--logits", paramLabel = "LIST", description = "Logits for the probabilities chart.")
    private String logits;

    @Option(names = "--target", paramLabel = "INDEX", description = "True class for the probabilities chart.")
    private Integer target;

    @Option(names = "--alpha", defaultValue = "0.25", paramLabel = "A", description = "α for the probabilities chart.")
    private String alpha;

    @Override
    public Integer call() {
        Chart kind = parseChart(chart);
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new InvalidArgumentException("output file \"" + out.getFileName()
                    + "\" has an unsupported type: use a name ending in .png or .svg");
        }
        boolean several = kind == Chart.fig1 || kind == Chart.modulator || kind == Chart.gradients;
        double[] gammas = gamma == null ? (several ? FocalCharts.FIGURE1_GAMMAS : new double[] {2})
                : Main.numbers("gamma", gamma);
        Figure f = switch (kind) {
            case fig1 -> PtChart.builder().gammas(gammas).crossEntropy(false)
                    .yCeiling(Main.number("y-max", yMax)).build();
            case loss -> PtChart.builder().gammas(gammas).crossEntropy(true)
                    .yCeiling(Main.number("y-max", yMax)).build();
            case modulator -> FocalCharts.modulator(gammas);
            case gradients -> FocalCharts.gradients(gammas);
            case fl_star -> FocalCharts.focalStar();
            case fl_star_gradients -> FocalCharts.focalStarGradients();
            case probabilities -> {
                if (logits == null || target == null) {
                    throw new InvalidArgumentException("the probabilities chart needs --logits and --target,"
                            + " e.g. --logits \"1.5,-0.8,0.2\" --target 1");
                }
                if (gammas.length != 1) {
                    throw new InvalidArgumentException("the probabilities chart takes one γ, not " + gammas.length);
                }
                yield FocalCharts.probabilities(Calculator.calculate(logits, target, gammas[0],
                        Main.number("alpha", alpha)));
            }
        };
        restyle(f);
        f.save(out);
        var o = spec.commandLine().getOut();
        String size = f.width() + " × " + f.height();
        if (name.endsWith(".png") && f.scale() != 1) {
            size = Math.round(f.width() * f.scale()) + " × " + Math.round(f.height() * f.scale()) + " pixels: " + size
                    + " at scale " + org.focalloss.core.Fmt.trimmed(f.scale(), 3);
        }
        o.println("saved " + out + " (" + size + "): " + f.title());
        o.println(f.description());
        return 0;
    }

    private void restyle(Figure f) {
        f.size(width != null ? width : f.width(), height != null ? height : f.height());
        f.scale(Main.number("scale", scale));
        if (title != null) {
            f.title(title);
        }
        if (xTitle != null) {
            f.xAxisTitle(xTitle);
        }
        if (yTitle != null) {
            f.yAxisTitle(yTitle);
        }
        if (labels != null) {
            f.labels(labels.split(";", -1));
        }
        if (colors != null) {
            f.colors(colors.split(",", -1));
        }
    }

    private static Chart parseChart(String text) {
        for (Chart c : Chart.values()) {
            if (c.name().replace('_', '-').equals(text.strip())) {
                return c;
            }
        }
        throw new InvalidArgumentException("chart = \"" + text + "\" is not one of fig1, loss, modulator, gradients,"
                + " fl-star, fl-star-gradients, probabilities");
    }
}
