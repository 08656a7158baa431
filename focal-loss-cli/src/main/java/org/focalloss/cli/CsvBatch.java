package org.focalloss.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.focalloss.core.Check;
import org.focalloss.core.Fmt;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftmaxFocalLoss;

/**
 * The CLI's {@code batch} command: reads a CSV of logits and targets row by row, computes the loss and
 * gradient of every row with the exact formulas, and writes them beside the input columns in full
 * double precision. Rows stream through: memory does not grow with the file. The output is written to
 * a temporary file and moved into place only when every row succeeded, so a failed run leaves no
 * partial output behind.
 */
final class CsvBatch {

    /** Which loss. */
    enum Mode {
        /** Column {@code logit}, target 0 or 1 (or a soft target in [0, 1]). */
        SIGMOID,
        /** Columns {@code z0, z1, …}, target = the 0-based class index. */
        SOFTMAX
    }

    /** Whose reading of soft targets and α the loss follows (see {@code SigmoidFocalLoss.torchvision} etc.). */
    enum Convention {
        /** p_t mix; softmax: α on the true class, one modulator (the library's default). */
        TORCHVISION,
        /** p_t mix; softmax: a modulator per class (CategoricalFocalCrossentropy). */
        KERAS,
        /** kornia's separate terms; softmax: 1 − α on class 0, α on the others, a modulator per class. */
        KORNIA,
        /** smp's p_t = exp(−CE) (sigmoid only). */
        SMP,
        /** MONAI's signed-logit modulator; softmax as kornia. */
        MONAI
    }

    /**
     * The focal-family options of the CLI (per row: a streamed CSV has no batch-level options such as
     * smp's normalisation).
     *
     * @param convention whose reading of soft targets and α
     * @param labelSmoothing Keras' label smoothing s ∈ [0, 1] (binary t → t(1 − s) + s/2; categorical
     *                       y → y(1 − s) + s/C)
     * @param positiveWeight kornia's pos_weight ≥ 0 (sigmoid)
     * @param reducedThreshold smp's reduced_threshold ∈ (0, 1] or NaN (sigmoid)
     * @param polyEpsilon Poly-1's ε ≥ −1
     * @param classWeights class weights ≥ 0 (softmax), or null
     * @param ignore the ignore label or index (rows whose target equals it get loss 0 and gradient 0), or
     *               null: sigmoid, a number outside [0, 1] such as -1 or 255; softmax, a whole number such
     *               as -100, 255 or a class
     */
    record Family(Convention convention, double labelSmoothing, double positiveWeight, double reducedThreshold,
                  double polyEpsilon, double[] classWeights, String ignore) {

        /** No option. */
        static final Family NONE = new Family(Convention.TORCHVISION, 0, 1, Double.NaN, 0, null, null);

        Family(Convention convention, double labelSmoothing, double positiveWeight, double reducedThreshold,
               double polyEpsilon, double[] classWeights) {
            this(convention, labelSmoothing, positiveWeight, reducedThreshold, polyEpsilon, classWeights, null);
        }
    }

    /**
     * @param mode sigmoid or softmax
     * @param gamma γ
     * @param alpha α (sigmoid: on positives; softmax: on the true class)
     * @param weighted whether α is applied
     * @param family the focal-family options
     */
    record Settings(Mode mode, double gamma, double alpha, boolean weighted, Family family) {
        Settings {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(family, "family");
            Check.gamma(gamma);
            if (weighted) {
                Check.alpha(alpha);
            }
            if (mode == Mode.SIGMOID && family.classWeights() != null) {
                throw new InvalidArgumentException("--class-weights needs --mode softmax (a sigmoid row has no class;"
                        + " use a weight column)");
            }
            if (mode == Mode.SOFTMAX && (family.positiveWeight() != 1 || !Double.isNaN(family.reducedThreshold())
                    || family.convention() == Convention.SMP)) {
                throw new InvalidArgumentException("--positive-weight, --reduced-threshold and --convention smp"
                        + " are binary options: use --mode sigmoid");
            }
        }

        Settings(Mode mode, double gamma, double alpha, boolean weighted) {
            this(mode, gamma, alpha, weighted, Family.NONE);
        }

        /** @return the sigmoid ignore label (checked: outside [0, 1]), or NaN for none */
        double ignoreLabel() {
            return family.ignore() == null ? Double.NaN
                    : Check.ignoreLabel(Check.number("ignore label", family.ignore()));
        }

        /** @return the softmax ignore index (checked: a whole number) */
        int ignoreIndex() {
            return Check.wholeNumber("ignore index", family.ignore());
        }

        /** @return the row loss for sigmoid mode, with every option checked */
        SigmoidFocalLoss sigmoid() {
            SigmoidFocalLoss.Settings o = SigmoidFocalLoss.Settings.DEFAULT
                    .withSoftLabelRule(switch (family.convention()) {
                        case TORCHVISION, KERAS -> org.focalloss.core.BinarySoftLabelRule.P_T_MIX;
                        case KORNIA -> org.focalloss.core.BinarySoftLabelRule.SEPARATE_TERMS;
                        case SMP -> org.focalloss.core.BinarySoftLabelRule.EXP_MINUS_CE;
                        case MONAI -> org.focalloss.core.BinarySoftLabelRule.SIGNED_LOGIT;
                    })
                    .withLabelSmoothing(family.labelSmoothing()).withPositiveWeight(family.positiveWeight())
                    .withReducedThreshold(family.reducedThreshold()).withPolyEpsilon(family.polyEpsilon());
            return new SigmoidFocalLoss(gamma, alpha, weighted, o);
        }

        /** @return the row loss for softmax mode with C classes, with every option checked */
        SoftmaxFocalLoss softmax(int classes) {
            boolean perClass = family.convention() != Convention.TORCHVISION;
            SoftmaxFocalLoss.Settings o = new SoftmaxFocalLoss.Settings(family.classWeights(), family.labelSmoothing(),
                    perClass ? org.focalloss.core.SoftLabelConvention.PER_CLASS
                            : org.focalloss.core.SoftLabelConvention.TRUE_CLASS, family.polyEpsilon());
            if (family.classWeights() != null) {
                Check.sameLength("class weights", family.classWeights().length, classes);
            }
            if ((family.convention() == Convention.KORNIA || family.convention() == Convention.MONAI) && weighted) {
                double[] a = new double[classes];
                java.util.Arrays.fill(a, alpha);
                a[0] = 1 - alpha;
                return new SoftmaxFocalLoss(gamma, 0, a, o);
            }
            return new SoftmaxFocalLoss(gamma, weighted ? alpha : 1, null, o);
        }
    }

    /**
     * @param rows data rows written
     * @param ignored how many of them had the ignore label or index (loss 0, gradient 0)
     * @param lossSum sum of the row losses
     */
    record Summary(long rows, long ignored, double lossSum) {

        /** @return the mean loss over the rows not ignored, as PyTorch's mean with ignore_index; NaN if none */
        double mean() {
            return rows > ignored ? lossSum / (rows - ignored) : Double.NaN;
        }
    }

    private CsvBatch() {
    }

    /**
     * @param settings the loss
     * @param in input CSV with a header line, UTF-8
     * @param out output CSV, replaced atomically by this run's complete output only if every row succeeded
     *            (see {@link OutputFile}: a link is written through; a folder, a device and the input
     *            itself are refused)
     * @return how many rows were written and the sum of their losses
     * @throws InvalidArgumentException if the input lacks a column, has a duplicate one, a row is invalid or
     *                                  not UTF-8 (the message names the file, row and line), or the output
     *                                  is not a regular file or is the input
     * @throws IOException if a file cannot be read or written; the message names the file
     */
    static Summary run(Settings settings, Path in, Path out) throws IOException {
        String file = in.getFileName() == null ? in.toString() : in.getFileName().toString();
        try (LineReader reader = open(in); OutputFile output = OutputFile.create(out, in)) {
            Summary summary;
            try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output.stream(),
                    StandardCharsets.UTF_8), 1 << 16)) {
                summary = copy(settings, file, reader, writer);
            }
            output.commit();
            return summary;
        }
    }

    private static Summary copy(Settings settings, String file, LineReader reader, BufferedWriter writer)
            throws IOException {
        String headerLine = readLine(reader, file, 0, 1);
        if (headerLine == null) {
            throw new InvalidArgumentException(file + " is empty: expected a header line such as "
                    + (settings.mode == Mode.SIGMOID ? "\"target,logit\"" : "\"target,z0,z1,z2\""));
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = parse(headerLine, file, 0, 1);
        Layout layout = Layout.of(settings.mode, header, file);
        Row row = new Row(settings, layout);
        writer.write(headerLine.strip());
        for (String extra : layout.outputColumns()) {
            writer.write(',');
            writer.write(extra);
        }
        writer.write('\n');
        long rows = 0;
        long ignored = 0;
        long lineNo = 1;
        double sum = 0;
        StringBuilder line = new StringBuilder(256);
        String text;
        while ((text = readLine(reader, file, rows + 1, lineNo + 1)) != null) {
            lineNo++;
            if (text.isBlank()) {
                continue;
            }
            rows++;
            List<String> fields = parse(text, file, rows, lineNo);
            if (fields.size() != header.size()) {
                throw rowError(file, rows, lineNo, "has " + fields.size() + " fields but the header has "
                        + header.size());
            }
            double loss;
            try {
                loss = row.compute(fields);
            } catch (InvalidArgumentException e) {
                throw rowError(file, rows, lineNo, e.getMessage());
            }
            sum += loss;
            ignored += row.ignored() ? 1 : 0;
            line.setLength(0);
            line.append(text.strip());
            row.appendOutputs(line);
            line.append('\n');
            writer.append(line);
        }
        return new Summary(rows, ignored, sum);
    }

    private static String readLine(LineReader reader, String file, long row, long lineNo) throws IOException {
        try {
            return reader.readLine();
        } catch (LineReader.MalformedLineException e) {
            throw rowError(file, row, lineNo, e.detail());
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + Main.describe(e), e);
        }
    }

    private static LineReader open(Path in) throws IOException {
        if (Files.isDirectory(in)) {
            throw new InvalidArgumentException("input " + in + " is a folder: give a CSV file");
        }
        try {
            return new LineReader(Files.newInputStream(in));
        } catch (NoSuchFileException e) {
            // an input/output condition (exit status 1), named as such; not invalid input
            throw new NoSuchFileException(in.toString(), null, "input file does not exist");
        }
    }

    private static List<String> parse(String line, String file, long row, long lineNo) {
        try {
            return Csv.parse(line);
        } catch (IllegalArgumentException e) {
            throw rowError(file, row, lineNo, e.getMessage());
        }
    }

    private static InvalidArgumentException rowError(String file, long row, long line, String message) {
        String where = row == 0 ? file + ", header (line 1)" : file + ", row " + row + " (line " + line + ")";
        return new InvalidArgumentException(where + ": " + message);
    }

    /**
     * Where the needed columns are, and what is appended. Built in one pass over the header with a hash
     * map, so a header of any width costs time linear in its columns.
     */
    private record Layout(int target, int[] logits, int weight, List<String> outputColumns) {

        static Layout of(Mode mode, List<String> header, String file) {
            Map<String, Integer> index = new HashMap<>(header.size() * 2);
            List<String> names = new ArrayList<>(header.size());
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip();
                names.add(name);
                Integer previous = index.putIfAbsent(name, i);
                if (previous != null && isInput(mode, name)) {
                    throw new InvalidArgumentException(file + ": column " + Check.excerpt(name)
                            + " appears twice (columns " + (previous + 1) + " and " + (i + 1) + "); keep one");
                }
            }
            int target = require(index, names, "target", mode, file);
            int[] logits;
            List<String> out = new ArrayList<>(List.of("p_t", "ce", "modulator", "loss"));
            if (mode == Mode.SIGMOID) {
                logits = new int[] {require(index, names, "logit", mode, file)};
                out.add("grad");
            } else {
                int[] byClass = new int[names.size()];
                java.util.Arrays.fill(byClass, -1);
                int c = 0;
                int highest = -1;
                for (int i = 0; i < names.size(); i++) {
                    int k = logitIndex(names.get(i));
                    if (k == NOT_CANONICAL) {
                        throw new InvalidArgumentException(file + ": column " + Check.excerpt(names.get(i))
                                + " looks like a logit column; name them z0, z1, … without leading zeros");
                    }
                    if (k >= 0) {
                        if (k < byClass.length) {
                            byClass[k] = i;
                        }
                        c++;
                        highest = Math.max(highest, k);
                    }
                }
                if (c == 0) {
                    require(index, names, "z0", mode, file);
                }
                if (highest != c - 1) {
                    int missing = 0;
                    while (byClass[missing] >= 0) {
                        missing++;
                    }
                    int after = Integer.MAX_VALUE;
                    for (String n : names) {
                        int k = logitIndex(n);
                        if (k > missing) {
                            after = Math.min(after, k);
                        }
                    }
                    throw new InvalidArgumentException(file + ": column \"z" + after + "\" has no \"z" + missing
                            + "\" before it; logit columns must be z0, z1, … without gaps");
                }
                logits = java.util.Arrays.copyOf(byClass, c);
                for (int j = 0; j < c; j++) {
                    out.add("grad_z" + j);
                }
            }
            for (String o : out) {
                if (index.containsKey(o)) {
                    throw new InvalidArgumentException(file + ": the input already has a column \"" + o
                            + "\", which the output adds; rename or remove it");
                }
            }
            Integer weight = index.get("weight");
            return new Layout(target, logits, weight == null ? -1 : weight, out);
        }

        private static final int NOT_CANONICAL = -2;

        /** k for a column named zk (k ≥ 0 without leading zeros), −1 for other names, NOT_CANONICAL for z01, z99999999999. */
        private static int logitIndex(String name) {
            int n = name.length();
            if (n < 2 || name.charAt(0) != 'z') {
                return -1;
            }
            for (int i = 1; i < n; i++) {
                char ch = name.charAt(i);
                if (ch < '0' || ch > '9') {
                    return -1;
                }
            }
            if ((n > 2 && name.charAt(1) == '0') || n > 10) {
                return NOT_CANONICAL;
            }
            return Integer.parseInt(name, 1, n, 10);
        }

        private static boolean isInput(Mode mode, String name) {
            return name.equals("target") || name.equals("weight") || (mode == Mode.SIGMOID ? name.equals("logit") : logitIndex(name) >= 0);
        }

        private static int require(Map<String, Integer> index, List<String> names, String column, Mode mode,
                                   String file) {
            Integer i = index.get(column);
            if (i == null) {
                throw new InvalidArgumentException(file + ": missing column \"" + column + "\" ("
                        + (mode == Mode.SIGMOID ? "sigmoid mode needs columns target and logit"
                        : "softmax mode needs columns target, z0, z1, …") + "; found: "
                        + found(names) + ")");
            }
            return i;
        }

        private static String found(List<String> names) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                if (i == 8) {
                    return b.append(", … (").append(names.size()).append(" columns)").toString();
                }
                String n = names.get(i);
                b.append(i == 0 ? "" : ", ").append(n.length() > Check.EXCERPT_LENGTH ? Check.excerpt(n) : n);
            }
            return b.toString();
        }
    }

    /** Computes one row; reuses its buffers. */
    private static final class Row {
        /** A target that can be an int ignore index (any sign, up to 10 digits); compiled once, not per row. */
        private static final java.util.regex.Pattern SIGNED_INT_TEXT = java.util.regex.Pattern.compile("[+-]?\\d{1,10}");
        /** A target that can be a class index (up to 9 digits, so that it parses as an int). */
        private static final java.util.regex.Pattern CLASS_INDEX_TEXT = java.util.regex.Pattern.compile("[+-]?\\d{1,9}");

        private final Settings s;
        private final Layout layout;
        private final SigmoidFocalLoss sigmoid;
        private final SoftmaxFocalLoss softmax;
        private final double[] z;
        private final double[] grad;
        private final double[] stats = new double[3];
        private final boolean plainSoftmax;
        private final boolean hasIgnore;
        private final double ignoreLabel;
        private final int ignoreIndex;
        private boolean ignored;
        private double loss;

        Row(Settings s, Layout layout) {
            this.s = s;
            this.layout = layout;
            this.sigmoid = s.mode == Mode.SIGMOID ? s.sigmoid() : null;
            this.softmax = s.mode == Mode.SOFTMAX ? s.softmax(layout.logits.length) : null;
            this.plainSoftmax = softmax != null && softmax.settings().isDefault() && softmax.perClassAlpha() == null;
            this.z = new double[layout.logits.length];
            this.grad = new double[layout.logits.length];
            this.hasIgnore = s.family.ignore() != null;
            this.ignoreLabel = s.mode == Mode.SIGMOID ? s.ignoreLabel() : Double.NaN;
            this.ignoreIndex = hasIgnore && s.mode == Mode.SOFTMAX ? s.ignoreIndex() : 0;
        }

        /** @return whether the last row computed had the ignore label or index */
        boolean ignored() {
            return ignored;
        }

        double compute(List<String> fields) {
            double w = layout.weight < 0 ? 1
                    : Check.nonNegative("weight", Check.number("weight", fields.get(layout.weight)));
            computeUnweighted(fields);
            if (w != 1) {
                loss *= w;
                for (int j = 0; j < grad.length; j++) {
                    grad[j] *= w;
                }
            }
            return loss;
        }

        private void computeUnweighted(List<String> fields) {
            ignored = false;
            if (s.mode == Mode.SIGMOID) {
                double x = Check.number("logit", fields.get(layout.logits[0]));
                double raw = Check.number("target", fields.get(layout.target));
                if (hasIgnore && raw == ignoreLabel) {
                    ignore();
                    return;
                }
                double t = Check.unitInterval("target", raw);
                SigmoidFocalLoss.Terms r = sigmoid.evaluate(x, t);
                stats[0] = r.pt();
                stats[1] = r.crossEntropy();
                stats[2] = r.modulator();
                grad[0] = r.gradient();
                loss = r.loss();
            } else {
                for (int j = 0; j < z.length; j++) {
                    z[j] = Check.number("z" + j, fields.get(layout.logits[j]));
                }
                String target = fields.get(layout.target).strip();
                if (hasIgnore && SIGNED_INT_TEXT.matcher(target).matches() && Long.parseLong(target) == ignoreIndex) {
                    ignore();
                    return;
                }
                int t = classIndex(target, z.length);
                if (plainSoftmax) {
                    loss = SoftmaxFocalLoss.evaluateInto(z, 0, z.length, t, s.gamma, softmax.alphaFor(t), null, 0, grad,
                            0, stats);
                } else {
                    SoftmaxFocalLoss.Terms r = softmax.evaluate(z, t);
                    stats[0] = r.pt();
                    stats[1] = r.crossEntropy();
                    stats[2] = r.modulator();
                    System.arraycopy(r.gradient(), 0, grad, 0, grad.length);
                    loss = r.loss();
                }
            }
        }

        /** An ignored row: loss 0, gradient 0; p_t, CE and the modulator are undefined and written empty. */
        private void ignore() {
            ignored = true;
            loss = 0;
            java.util.Arrays.fill(grad, 0);
        }

        void appendOutputs(StringBuilder line) {
            if (ignored) {
                line.append(",,,,").append(Fmt.full(0.0));
                for (int j = 0; j < grad.length; j++) {
                    line.append(',').append(Fmt.full(0.0));
                }
                return;
            }
            line.append(',').append(Fmt.full(stats[0]));
            line.append(',').append(Fmt.full(stats[1]));
            line.append(',').append(Fmt.full(stats[2]));
            line.append(',').append(Fmt.full(loss));
            for (double g : grad) {
                line.append(',').append(Fmt.full(g));
            }
        }

        private static int classIndex(String text, int classes) {
            if (!CLASS_INDEX_TEXT.matcher(text).matches()) {
                throw new InvalidArgumentException("target = " + Check.excerpt(text) + " is not a class index (expected a whole"
                        + " number from 0 to " + (classes - 1) + ")");
            }
            return Check.classIndex("target", Integer.parseInt(text), classes);
        }
    }
}
