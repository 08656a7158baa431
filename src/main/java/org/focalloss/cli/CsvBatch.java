package org.focalloss.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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

    /**
     * @param mode sigmoid or softmax
     * @param gamma γ
     * @param alpha α (sigmoid: on positives; softmax: on the true class)
     * @param weighted whether α is applied
     */
    record Settings(Mode mode, double gamma, double alpha, boolean weighted) {
        Settings {
            Objects.requireNonNull(mode, "mode");
            Check.gamma(gamma);
            if (weighted) {
                Check.alpha(alpha);
            }
        }
    }

    /**
     * @param rows data rows written
     * @param lossSum sum of the row losses
     */
    record Summary(long rows, double lossSum) {
    }

    private CsvBatch() {
    }

    /**
     * @param settings the loss
     * @param in input CSV with a header line
     * @param out output CSV (replaced if it exists)
     * @return how many rows were written and the sum of their losses
     * @throws InvalidArgumentException if the input lacks a column or a row is invalid; the message names
     *                                  the file, row and line
     * @throws IOException if a file cannot be read or written
     */
    static Summary run(Settings settings, Path in, Path out) throws IOException {
        String file = in.getFileName().toString();
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path part = dir.resolve("." + out.getFileName() + ".part");
        try {
            Summary summary;
            try (BufferedReader reader = open(in);
                 BufferedWriter writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                summary = copy(settings, file, reader, writer);
            }
            Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static Summary copy(Settings settings, String file, BufferedReader reader, BufferedWriter writer)
            throws IOException {
        String headerLine = reader.readLine();
        if (headerLine == null) {
            throw new InvalidArgumentException(file + " is empty: expected a header line such as "
                    + (settings.mode == Mode.SIGMOID ? "\"target,logit\"" : "\"target,z0,z1,z2\""));
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = parse(headerLine, file, 0, 1);
        Layout layout = Layout.of(settings.mode, header, file);
        writer.write(headerLine.strip());
        for (String extra : layout.outputColumns()) {
            writer.write(',');
            writer.write(extra);
        }
        writer.write('\n');
        Row row = new Row(settings, layout);
        long rows = 0;
        long lineNo = 1;
        double sum = 0;
        StringBuilder line = new StringBuilder(256);
        String text;
        while ((text = reader.readLine()) != null) {
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
            line.setLength(0);
            line.append(text.strip());
            row.appendOutputs(line);
            line.append('\n');
            writer.append(line);
        }
        return new Summary(rows, sum);
    }

    private static BufferedReader open(Path in) throws IOException {
        try {
            return Files.newBufferedReader(in, StandardCharsets.UTF_8);
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

    /** Where the needed columns are, and what is appended. */
    private record Layout(int target, int[] logits, List<String> outputColumns) {

        static Layout of(Mode mode, List<String> header, String file) {
            List<String> names = new ArrayList<>();
            for (String h : header) {
                names.add(h.strip());
            }
            int target = require(names, "target", mode, file);
            int[] logits;
            List<String> out = new ArrayList<>(List.of("p_t", "ce", "modulator", "loss"));
            if (mode == Mode.SIGMOID) {
                logits = new int[] {require(names, "logit", mode, file)};
                out.add("grad");
            } else {
                int c = 0;
                while (names.contains("z" + c)) {
                    c++;
                }
                if (c == 0) {
                    require(names, "z0", mode, file);
                }
                logits = new int[c];
                for (int j = 0; j < c; j++) {
                    logits[j] = names.indexOf("z" + j);
                    out.add("grad_z" + j);
                }
                for (String n : names) {
                    if (n.matches("z\\d+") && Integer.parseInt(n.substring(1)) >= c) {
                        throw new InvalidArgumentException(file + ": column \"" + n + "\" has no \"z" + c
                                + "\" before it; logit columns must be z0, z1, … without gaps");
                    }
                }
            }
            Set<String> seen = new HashSet<>(names);
            for (String o : out) {
                if (!seen.add(o)) {
                    throw new InvalidArgumentException(file + ": the input already has a column \"" + o
                            + "\", which the output adds; rename or remove it");
                }
            }
            return new Layout(target, logits, out);
        }

        private static int require(List<String> names, String column, Mode mode, String file) {
            int i = names.indexOf(column);
            if (i < 0) {
                throw new InvalidArgumentException(file + ": missing column \"" + column + "\" ("
                        + (mode == Mode.SIGMOID ? "sigmoid mode needs columns target and logit"
                        : "softmax mode needs columns target, z0, z1, …") + "; found: " + String.join(", ", names)
                        + ")");
            }
            return i;
        }
    }

    /** Computes one row; reuses its buffers. */
    private static final class Row {
        private final Settings s;
        private final Layout layout;
        private final SigmoidFocalLoss sigmoid;
        private final SoftmaxFocalLoss softmax;
        private final double[] z;
        private final double[] grad;
        private final double[] stats = new double[3];
        private double loss;

        Row(Settings s, Layout layout) {
            this.s = s;
            this.layout = layout;
            this.sigmoid = s.mode == Mode.SIGMOID ? new SigmoidFocalLoss(s.gamma, s.alpha, s.weighted) : null;
            this.softmax = s.mode == Mode.SOFTMAX ? SoftmaxFocalLoss.of(s.gamma, s.weighted ? s.alpha : 1) : null;
            this.z = new double[layout.logits.length];
            this.grad = new double[layout.logits.length];
        }

        double compute(List<String> fields) {
            if (s.mode == Mode.SIGMOID) {
                double x = Check.number("logit", fields.get(layout.logits[0]));
                double t = Check.unitInterval("target", Check.number("target", fields.get(layout.target)));
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
                int t = classIndex(fields.get(layout.target).strip(), z.length);
                loss = SoftmaxFocalLoss.evaluateInto(z, 0, z.length, t, s.gamma, softmax.alphaFor(t), null, 0, grad, 0,
                        stats);
            }
            return loss;
        }

        void appendOutputs(StringBuilder line) {
            line.append(',').append(Fmt.full(stats[0]));
            line.append(',').append(Fmt.full(stats[1]));
            line.append(',').append(Fmt.full(stats[2]));
            line.append(',').append(Fmt.full(loss));
            for (double g : grad) {
                line.append(',').append(Fmt.full(g));
            }
        }

        private static int classIndex(String text, int classes) {
            if (!text.matches("[+-]?\\d{1,9}")) {
                throw new InvalidArgumentException("target = \"" + text + "\" is not a class index (expected a whole"
                        + " number from 0 to " + (classes - 1) + ")");
            }
            return Check.classIndex("target", Integer.parseInt(text), classes);
        }
    }
}
