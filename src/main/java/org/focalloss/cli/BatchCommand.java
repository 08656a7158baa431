package org.focalloss.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.focalloss.core.Fmt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code batch}: focal loss and gradient for every row of a CSV file, streamed. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Focal loss and its gradient for every row of a CSV file (exact double precision).",
            "sigmoid: columns target (0 or 1) and logit; softmax: columns target (class index) and z0,z1,...",
            "The output repeats the input columns and adds p_t,ce,modulator,loss and grad (sigmoid) or",
            "grad_z0,grad_z1,... (softmax). Rows are streamed, so files of any length fit in memory.",
            "Example: batch --mode sigmoid --gamma 2 --alpha 0.25 --in in.csv --out out.csv"})
final class BatchCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--mode", required = true, paramLabel = "MODE", description = "sigmoid or softmax.")
    private CsvBatch.Mode mode;

    @Option(names = "--gamma", defaultValue = "2", paramLabel = "G", description = "γ ≥ 0 (default: ${DEFAULT-VALUE}).")
    private String gamma;

    @Option(names = "--alpha", defaultValue = "0.25", paramLabel = "A|none",
            description = "α in [0, 1] (sigmoid: on positives, 1-α on negatives; softmax: on the true class),"
                    + " or none (default: ${DEFAULT-VALUE}).")
    private String alpha;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Input CSV with a header line.")
    private Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output CSV, replaced atomically when every row succeeded; a link is written through, a folder, device or the input file is refused.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        boolean weighted = !alpha.strip().equalsIgnoreCase("none");
        CsvBatch.Settings settings = new CsvBatch.Settings(mode, Main.number("gamma", gamma),
                weighted ? Main.number("alpha", alpha) : 0, weighted);
        CsvBatch.Summary s = CsvBatch.run(settings, in, out);
        var o = spec.commandLine().getOut();
        o.println("wrote " + s.rows() + (s.rows() == 1 ? " row" : " rows") + " to " + out + " ("
                + mode.name().toLowerCase(Locale.ROOT) + ", γ = " + Fmt.trimmed(settings.gamma(), 6) + ", α = "
                + (weighted ? Fmt.trimmed(settings.alpha(), 6) : "none") + "): total loss " + Fmt.full(s.lossSum())
                + (s.rows() > 0 ? ", mean " + Fmt.full(s.lossSum() / s.rows()) : ""));
        return 0;
    }
}
