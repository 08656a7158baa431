package org.focalloss.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.focalloss.explorer.FocalLossExplorer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code explorer}: writes the interactive focal-loss explorer as a standalone HTML page. */
@Command(name = "explorer", mixinStandardHelpOptions = true,
        description = {"Writes the interactive focal-loss explorer as one self-contained HTML page.",
            "A γ slider over the focal-loss curve; no network, works offline in any browser.",
            "Example: explorer --gamma 2 --modulator --out explorer.html"})
final class ExplorerCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--gamma", defaultValue = "2", paramLabel = "G", description = "Initial γ (default: ${DEFAULT-VALUE}).")
    private String gamma;

    @Option(names = "--range", defaultValue = "0,5", paramLabel = "MIN,MAX",
            description = "Slider range of γ (default: ${DEFAULT-VALUE}).")
    private String range;

    @Option(names = "--modulator", description = "Show the modulator (1 - p_t)^γ below the chart.")
    private boolean modulator;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output HTML file.")
    private Path out;

    @Override
    public Integer call() {
        double[] r = Main.numbers("range", range);
        if (r.length != 2) {
            throw new org.focalloss.core.InvalidArgumentException("range = \"" + range
                    + "\" needs two numbers, MIN,MAX, e.g. 0,5");
        }
        FocalLossExplorer e = FocalLossExplorer.builder().gamma(Main.number("gamma", gamma)).gammaRange(r[0], r[1])
                .showModulator(modulator).build();
        e.save(out);
        var o = spec.commandLine().getOut();
        o.println("saved " + out + ": " + e.description());
        return 0;
    }
}
