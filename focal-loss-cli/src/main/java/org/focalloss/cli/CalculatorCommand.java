package org.focalloss.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.focalloss.core.Calculator;
import org.focalloss.core.CalculatorResult;
import org.focalloss.explorer.CalculatorWidget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code calculator}: writes the interactive softmax focal-loss calculator as a standalone HTML page. */
@Command(name = "calculator", mixinStandardHelpOptions = true,
        description = {"Writes the softmax focal-loss calculator as one self-contained HTML page.",
            "Fields for logits, true class, γ and α; results as you type, Reset, Copy results; no network,",
            "works offline.",
            "Without options it starts from worked example 2.",
            "Example: calculator --logits \"2.0,0.5,-1.0\" --target 0 --gamma 3 --out calc.html"})
final class CalculatorCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--logits", defaultValue = "1.5, -0.8, 0.2", paramLabel = "LIST",
            description = "Starting logits, separated by commas or spaces (default: \"${DEFAULT-VALUE}\").")
    private String logits;

    @Option(names = "--target", defaultValue = "1", paramLabel = "INDEX",
            description = "Starting 0-based index of the true class (default: ${DEFAULT-VALUE}).")
    private String target;

    @Option(names = "--gamma", defaultValue = "2", paramLabel = "G",
            description = "Starting focusing parameter γ ≥ 0 (default: ${DEFAULT-VALUE}).")
    private String gamma;

    @Option(names = "--alpha", defaultValue = "0.25", paramLabel = "A",
            description = "Starting weight α in [0, 1] of the true class (default: ${DEFAULT-VALUE}).")
    private String alpha;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output HTML file.")
    private Path out;

    @Override
    public Integer call() {
        // Every value is checked (with the library's one-line message) before anything is written.
        CalculatorResult r = Calculator.calculate(logits, target, gamma, alpha);
        CalculatorWidget w = CalculatorWidget.builder().logits(logits).target(r.target()).gamma(r.gamma())
                .alpha(r.alpha()).build();
        w.save(out);
        var o = spec.commandLine().getOut();
        o.println("saved " + out + ": " + w.description());
        return 0;
    }
}
