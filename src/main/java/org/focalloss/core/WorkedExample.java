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

    /** @return a short title */
    public String title() {
        return title;
    }

    /** @return the logits as the calculator's input text */
    public String logitsText() {
        return logits;
    }

    /** @return the FL the original page printed (historical data, not computed here) */
    public String pagePrinted() {
        return pagePrinted;
    }

    /** @return the exact calculation with γ = 2, α = 0.25, true class 1 */
    public CalculatorResult result() {
        return Calculator.calculate(logits, TARGET, Calculator.DEFAULT_GAMMA, Calculator.DEFAULT_ALPHA);
    }

    /** @return the calculation with the modulator and CE rounded to four decimals, as the page displayed them */
    public CalculatorResult.Rounded pageRounding() {
        return result().roundedIntermediates(PAGE_DECIMALS);
    }

    /**
     * @return why the page's printed value differs from the exact one, with the numbers computed here
     */
    public String explanation() {
        CalculatorResult r = result();
        CalculatorResult.Rounded rounded = pageRounding();
        double printed = Double.parseDouble(pagePrinted);
        boolean reproduced = Math.abs(printed - rounded.loss()) <= 0.5 * Math.pow(10, -significantDecimals(pagePrinted));
        String s = "Exact FL = " + Fmt.value(r.loss()) + "; the page printed " + pagePrinted + ". "
                + rounded.explanation(r.alpha());
        if (reproduced) {
            s += " That is the page's number: it multiplied the rounded values it displayed.";
        } else {
            s += " The page's " + pagePrinted + " is off from the exact value in the same digit, the trace of"
                    + " rounding intermediates; four-decimal rounding of the modulator and CE alone gives "
                    + Fmt.fixed(rounded.loss(), significantDecimals(pagePrinted)) + ".";
        }
        double m = r.modulator();
        s += " Four decimals keep " + significantDigits(m, PAGE_DECIMALS) + " significant digits of the modulator "
                + Fmt.value(m) + ", so the smaller the modulator, the larger the relative error.";
        return s;
    }

    private static int significantDecimals(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? 0 : text.length() - dot - 1;
    }

    private static int significantDigits(double x, int decimals) {
        // digits after the leading zeros that survive rounding to `decimals` decimals
        int leadingZeros = (int) Math.floor(-Math.log10(x));
        return Math.max(0, decimals - Math.max(0, leadingZeros));
    }
}
