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
            "An optional column weight (>= 0) multiplies the row's loss and gradient (Keras sample_weight).",
            "--ignore-index leaves out the rows whose target is that label (loss 0, gradient 0, p_t/ce/modulator",
            "empty), as PyTorch's ignore_index; the mean printed is over the other rows.",
            "Example: batch --mode sigmoid --gamma 2 --alpha 0.25 --in in.csv --out out.csv",
            "         batch --mode sigmoid --convention kornia --positive-weight 3 --in in.csv --out out.csv"})
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

    @Option(names = "--convention", defaultValue = "torchvision", paramLabel = "LIB",
            description = "Whose reading of soft targets and α: torchvision (default), keras, kornia, smp, monai"
                    + " (sigmoid: the soft-label rule; softmax: keras/kornia/monai put a modulator on every class,"
                    + " kornia/monai give class 0 the weight 1-α).")
    private String convention;

    @Option(names = "--label-smoothing", defaultValue = "0", paramLabel = "S",
            description = "Keras' label_smoothing in [0, 1]: sigmoid t -> t(1-S)+S/2, softmax y -> y(1-S)+S/C.")
    private String labelSmoothing;

    @Option(names = "--positive-weight", defaultValue = "1", paramLabel = "W",
            description = "kornia's pos_weight >= 0 on the positive term (sigmoid).")
    private String positiveWeight;

    @Option(names = "--reduced-threshold", paramLabel = "TH",
            description = "smp's reduced focal loss: modulator 1 below p_t = TH, ((1-p_t)/TH)^γ above; TH in (0, 1] (sigmoid).")
    private String reducedThreshold;

    @Option(names = "--poly-epsilon", defaultValue = "0", paramLabel = "E",
            description = "Poly-1: adds E·(1-p_t)^(γ+1); E >= -1.")
    private String polyEpsilon;

    @Option(names = "--class-weights", paramLabel = "W0,W1,...",
            description = "One weight >= 0 per class, multiplying α_t (softmax; kornia/MONAI weight).")
    private String classWeights;

    @Option(names = {"--ignore-index", "--ignore-label"}, paramLabel = "L",
            description = "Rows with target L are ignored. sigmoid: L outside [0, 1], e.g. -1 or 255; softmax: a"
                    + " whole number, e.g. -100, 255 or a class.")
    private String ignore;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Input CSV with a header line.")
    private Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output CSV, replaced atomically when every row succeeded; a link is written through, a folder, device or the input file is refused.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        boolean weighted = !alpha.strip().equalsIgnoreCase("none");
        CsvBatch.Family family = new CsvBatch.Family(convention(), Main.number("label smoothing", labelSmoothing),
                Main.number("positive weight", positiveWeight),
                reducedThreshold == null ? Double.NaN : Main.number("reduced threshold", reducedThreshold),
                Main.number("poly epsilon", polyEpsilon), classWeights == null ? null : Main.numbers("class weights", classWeights), ignore);
        CsvBatch.Settings settings = new CsvBatch.Settings(mode, Main.number("gamma", gamma),
                weighted ? Main.number("alpha", alpha) : 0, weighted, family);
        if (mode == CsvBatch.Mode.SIGMOID) {         // check every option before a file is opened
            settings.sigmoid();
            settings.ignoreLabel();
        } else {
            settings.softmax(classWeights == null ? 1 : family.classWeights().length);
            if (ignore != null) {
                settings.ignoreIndex();
            }
        }
        CsvBatch.Summary s = CsvBatch.run(settings, in, out);
        var o = spec.commandLine().getOut();
        o.println("wrote " + s.rows() + (s.rows() == 1 ? " row" : " rows") + " to " + out + " ("
                + mode.name().toLowerCase(Locale.ROOT) + ", γ = " + Fmt.trimmed(settings.gamma(), 6) + ", α = "
                + (weighted ? Fmt.trimmed(settings.alpha(), 6) : "none") + (ignore == null ? ""
                : ", " + s.ignored() + " ignored") + "): total loss " + Fmt.full(s.lossSum())
                + (s.rows() > s.ignored() ? ", mean " + Fmt.full(s.mean()) + (s.ignored() > 0
                ? " over the " + (s.rows() - s.ignored()) + " not ignored" : "") : ""));
        return 0;
    }

    private CsvBatch.Convention convention() {
        String c = convention.strip().toUpperCase(Locale.ROOT);
        for (CsvBatch.Convention v : CsvBatch.Convention.values()) {
            if (v.name().equals(c)) {
                return v;
            }
        }
        throw new org.focalloss.core.InvalidArgumentException("convention = " + org.focalloss.core.Check.excerpt(convention.strip())
                + " is not one of torchvision, keras, kornia, smp, monai");
    }
}
