package org.focalloss.curves;

import java.util.List;
import org.focalloss.core.Check;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.experiment.Experiment;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tablesaw tables of the training experiment of notebook 04 ({@code org.focalloss.experiment}): AP per
 * loss (mean ± spread over seeds) and AP grids of the paper's Table 1 sweeps. Numbers print with three
 * decimals, whatever the default locale.
 */
public final class ExperimentTables {

    private ExperimentTables() {
    }

    /**
     * One row per setting: mean AP, standard deviation, lowest and highest, number of seeds.
     *
     * @param title the table's title
     * @param names the settings' names
     * @param summaries their AP summaries, same order
     * @return the table
     * @throws InvalidArgumentException if the lists' lengths differ
     */
    public static Table summaries(String title, List<String> names, List<Experiment.Summary> summaries) {
        Check.sameLength("summaries", summaries.size(), names.size());
        StringColumn name = StringColumn.create("setting");
        double[] mean = new double[names.size()];
        double[] sd = new double[names.size()];
        double[] min = new double[names.size()];
        double[] max = new double[names.size()];
        int[] n = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Experiment.Summary s = summaries.get(i);
            name.append(names.get(i));
            mean[i] = s.mean();
            sd[i] = s.sd();
            min[i] = s.min();
            max[i] = s.max();
            n[i] = s.n();
        }
        return Table.create(title).addColumns(name, ap("mean AP", mean), ap("± sd", sd), ap("min", min),
                ap("max", max), IntColumn.create("seeds", n));
    }

    /**
     * An AP grid: one row per row label, one column per column label.
     *
     * @param title the table's title
     * @param corner the header of the row labels, e.g. "γ"
     * @param rows the row labels
     * @param columns the column labels, e.g. "α = 0.25"
     * @param ap AP values, ap[row][column]; NaN prints empty
     * @return the table
     * @throws InvalidArgumentException if the grid's shape does not match the labels
     */
    public static Table grid(String title, String corner, List<String> rows, List<String> columns, double[][] ap) {
        Check.sameLength("AP rows", ap.length, rows.size());
        Table t = Table.create(title).addColumns(StringColumn.create(corner, rows));
        for (int j = 0; j < columns.size(); j++) {
            double[] col = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                Check.sameLength("AP row " + i, ap[i].length, columns.size());
                col[i] = ap[i][j];
            }
            t.addColumns(ap(columns.get(j), col));
        }
        return t;
    }

    private static DoubleColumn ap(String name, double[] values) {
        DoubleColumn c = DoubleColumn.create(name, values);
        c.setPrintFormatter(new ApFormatter());
        return c;
    }

    /** Three decimals, empty for NaN, locale-independent. */
    static final class ApFormatter extends tech.tablesaw.columns.numbers.NumberColumnFormatter {
        ApFormatter() {
            super(new java.text.DecimalFormat("0.000", java.text.DecimalFormatSymbols.getInstance(
                    java.util.Locale.ROOT)), "");
        }

        @Override
        public String format(double value) {
            return Double.isNaN(value) ? "" : org.focalloss.core.Fmt.fixed(value, 3);
        }
    }
}
