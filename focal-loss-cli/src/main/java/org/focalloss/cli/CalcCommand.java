package org.focalloss.cli;

import java.util.concurrent.Callable;
import org.focalloss.core.Calculator;
import org.focalloss.core.CalculatorResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code calc}: the softmax focal-loss calculator. */
@Command(name = "calc", mixinStandardHelpOptions = true,
        description = {"Softmax focal loss of one example: probabilities, p_t, CE, modulator, FL and CE/FL.",
            "Example: calc --logits \"1.5,-0.8,0.2\" --target 1"})
final class CalcCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--logits", required = true, paramLabel = "LIST",
            description = "Logits separated by commas or spaces, e.g. \"1.5,-0.8,0.2\".")
    private String logits;

    @Option(names = "--target", required = true, paramLabel = "INDEX",
            description = "0-based index of the true class.")
    private int target;

    @Option(names = "--gamma", defaultValue = "2", paramLabel = "G", description = "Focusing parameter γ ≥ 0 (default: ${DEFAULT-VALUE}).")
    private String gamma;

    @Option(names = "--alpha", defaultValue = "0.25", paramLabel = "A",
            description = "Weight α in [0, 1] of the true class (default: ${DEFAULT-VALUE}).")
    private String alpha;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, markdown or csv (default: ${DEFAULT-VALUE}).")
    private Format format;

    enum Format { text, markdown, csv }

    @Override
    public Integer call() {
        CalculatorResult r = Calculator.calculate(logits, target, Main.number("gamma", gamma),
                Main.number("alpha", alpha));
        var out = spec.commandLine().getOut();
        switch (format) {
            case markdown -> out.print(r.toMarkdown());
            case csv -> out.print(r.toCsv());
            default -> {
                out.print(r.toText());
                out.println(r.headline());
            }
        }
        out.flush();
        return 0;
    }
}
