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
            "Example: plot --gamma 0,0.5,1,2,5 --out fig1.png"})
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

    @Option(names = "--width", defaultValue = "720", paramLabel = "PX", description = "Width in pixels (loss, fig1, modulator, gradients).")
    private int width;

    @Option(names = "--height", defaultValue = "440", paramLabel = "PX", description = "Height in pixels (loss, fig1, modulator, gradients).")
    private int height;

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
            case fig1 -> PtChart.builder().gammas(gammas).crossEntropy(false).size(width, height)
                    .yCeiling(Main.number("y-max", yMax)).title("Focal loss against p_t (paper, Fig. 1)").build();
            case loss -> PtChart.builder().gammas(gammas).crossEntropy(true).size(width, height)
                    .yCeiling(Main.number("y-max", yMax)).build();
            case modulator -> PtChart.builder().quantity(PtChart.Quantity.MODULATOR).gammas(gammas)
                    .size(width, height).build();
            case gradients -> PtChart.builder().quantity(PtChart.Quantity.GRADIENT).gammas(gammas)
                    .size(width, height).build();
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
        f.save(out);
        var o = spec.commandLine().getOut();
        o.println("saved " + out + " (" + f.chart().getWidth() + " × " + f.chart().getHeight() + "): " + f.title());
        o.println(f.description());
        return 0;
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
