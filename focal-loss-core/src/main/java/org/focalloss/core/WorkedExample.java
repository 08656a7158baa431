package org.focalloss.core;

/**
 * The two worked examples of the softmax calculator we started from, both with true class 1, γ = 2
 * and α = 0.25. The original page printed values computed from intermediates rounded for display;
 * {@link #pagePrinted()} keeps what it printed, {@link #result()} is the exact calculation and
 * {@link #explanation()} says why the two differ.
 */
public enum WorkedExample {

    /** A confident, correct prediction: logits [−1.0, 3.0, −0.5], p_t ≈ 0.95, FL = 2.5354e-05. */
    EASY("Easy: confident and correct", "-1.0, 3.0, -0.5", "0.000024885"),

    /** A wrong prediction: logits [1.5, −0.8, 0.2], p_t ≈ 0.07, FL = 0.562143. */
    HARD("Hard: the model prefers class 0", "1.5, -0.8, 0.2", "0.5620");

    /** The true class of both examples. */
    public static final int TARGET = 1;
    /** The decimals the original page kept for its intermediates. */
    public static final int PAGE_DECIMALS = 4;

    private final String title;
    private final String logits;
    private final String pagePrinted;

    WorkedExample(String title, String logits, String pagePrinted) {
        this.title = title;
        this.logits = logits;
        this.pagePrinted = pagePrinted;
    }

    /**
     * @return a short title
     */
    public String title() {
        return title;
    }

    /**
     * @return the logits as the calculator's input text
     */
    public String logitsText() {
        return logits;
    }

    /**
     * @return the FL the original page printed (historical data, not computed here)
     */
    public String pagePrinted() {
        return pagePrinted;
    }

    /**
     * @return the exact calculation with γ = 2, α = 0.25, true class 1
     */
    public CalculatorResult result() {
        return Calculator.calculate(logits, TARGET, Calculator.DEFAULT_GAMMA, Calculator.DEFAULT_ALPHA);
    }

    /**
     * @return the calculation with the modulator and CE rounded to four decimals, as the page displayed them
     */
    public CalculatorResult.Rounded pageRounding() {
        return result().roundedIntermediates(PAGE_DECIMALS);
    }

    /**
     * The number of decimals to which rounding the modulator and CE reproduces what the page printed,
     * searched from 1 to 8.
     *
     * @return the decimals, or −1 if no rounding reproduces it
     */
    public int reproducingDecimals() {
        CalculatorResult r = result();
        int shown = decimalsShown(pagePrinted);
        for (int d = 1; d <= 8; d++) {
            if (Fmt.fixed(r.roundedIntermediates(d).loss(), shown).equals(pagePrinted)) {
                return d;
            }
        }
        return -1;
    }

    /**
     * @return why the page's printed value differs from the exact one, with every number computed here
     */
    public String explanation() {
        CalculatorResult r = result();
        int d = reproducingDecimals();
        StringBuilder s = new StringBuilder("Exact FL = " + Fmt.value(r.loss()) + "; the page printed " + pagePrinted
                + ". ");
        if (d > 0) {
            CalculatorResult.Rounded rounded = r.roundedIntermediates(d);
            s.append("The page rounded the modulator and CE to ").append(d).append(" decimals before multiplying: ")
                    .append(rounded.product(r.alpha())).append(", ").append(rounded.relativeErrorText())
                    .append(" the exact value.");
        } else {
            s.append("No rounding of the modulator and CE to 1 to 8 decimals reproduces it.");
        }
        double m = r.modulator();
        s.append(" At ").append(PAGE_DECIMALS).append(" decimals the modulator ").append(Fmt.value(m))
                .append(" keeps ").append(significantDigits(m, PAGE_DECIMALS))
                .append(" significant digits: the smaller the modulator, the more rounding distorts FL.");
        return s.toString();
    }

    private static int decimalsShown(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? 0 : text.length() - dot - 1;
    }

    /** Digits after the leading zeros that survive rounding to {@code decimals} decimals. */
    private static int significantDigits(double x, int decimals) {
        int leadingZeros = (int) Math.floor(-Math.log10(x));
        return Math.max(0, decimals - Math.max(0, leadingZeros));
    }
}
