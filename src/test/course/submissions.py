"""The Java bodies the end-to-end test puts into the released notebook as submissions (the reference solution is
read from the source notebook itself, between its BEGIN/END SOLUTION lines)."""

NAIVE = r"""
double[] naiveSoftmax(double[] logits) {
    double sum = 0;
    double[] p = new double[logits.length];
    for (int j = 0; j < logits.length; j++) { p[j] = Math.exp(logits[j]); sum += p[j]; }
    for (int j = 0; j < logits.length; j++) { p[j] /= sum; }
    return p;
}

void naiveCheck(double[] logits, int target, double gamma, double alpha) {
    if (logits == null || logits.length == 0) throw new IllegalArgumentException("logits = " + java.util.Arrays.toString(logits) + " must hold at least one value");
    for (double z : logits) if (!Double.isFinite(z)) throw new IllegalArgumentException("logit = " + z + " is out of range (-∞, ∞)");
    if (target < 0 || target >= logits.length) throw new IllegalArgumentException("target = " + target + " is out of range [0, " + (logits.length - 1) + "]");
    if (!(gamma >= 0) || Double.isInfinite(gamma)) throw new IllegalArgumentException("gamma = " + gamma + " is out of range [0, ∞)");
    if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("alpha = " + alpha + " is out of range [0, 1]");
}

double softmaxFocalLoss(double[] logits, int target, double gamma, double alpha) {
    naiveCheck(logits, target, gamma, alpha);
    double p = naiveSoftmax(logits)[target];
    return -alpha * Math.pow(1 - p, gamma) * Math.log(p);
}

double[] softmaxFocalLossGradient(double[] logits, int target, double gamma, double alpha) {
    naiveCheck(logits, target, gamma, alpha);
    double[] q = naiveSoftmax(logits);
    double p = q[target];
    // dFL/dp_t by the chain rule, then dp_t/dz_j = p_t (δ_tj − p_j)
    double dp = -alpha * (-gamma * Math.pow(1 - p, gamma - 1) * Math.log(p) + Math.pow(1 - p, gamma) / p);
    double[] g = new double[logits.length];
    for (int j = 0; j < logits.length; j++) {
        g[j] = dp * p * ((j == target ? 1 : 0) - q[j]);
    }
    return g;
}
"""
