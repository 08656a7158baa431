package org.focalloss.core;

/**
 * Binary (sigmoid) focal loss from a logit, with torchvision's semantics.
 *
 * <p>For a logit x and a target t ∈ [0, 1] (0 or 1 for hard labels, anything between for soft
 * labels), with p = σ(x):
 * <pre>
 *   CE  = −[t·log p + (1−t)·log(1−p)]
 *   p_t = p·t + (1−p)·(1−t)
 *   α_t = α·t + (1−α)·(1−t)          (α on positives, 1−α on negatives; 1 when α is off)
 *   FL  = α_t · (1−p_t)^γ · CE
 * </pre>
 * For hard labels the gradient is dFL/dx = α_t·y·(1−p_t)^γ·(γ·p_t·log p_t + p_t − 1) with y = 2t − 1;
 * for soft labels it is α_t·[(p − t)·(1−p_t)^γ + γ·(1−2t)·CE·(1−p_t)^(γ−1)·p·(1−p)].
 *
 * <p>Numerics: p, 1−p, log p and log(1−p) all come from e = exp(−|x|) and softplus, and 1−p_t is
 * computed as t·(1−p) + (1−t)·p, never as 1 − p_t, so nothing cancels. The factor (1−p_t)^(γ−1) of the
 * soft-label gradient is combined with p·(1−p) in log space. Hence every value is finite for every
 * γ ≥ 0 (including γ &lt; 1, where PyTorch's autograd returns NaN at saturated logits) and every finite
 * logit.
 *
 * <p>Limits: for p_t → 1 (easy examples) FL → 0 faster than CE, as (1−p_t)^(γ+1); for p_t → 0 (hard
 * examples) FL → α_t·CE → ∞ like −log p_t; γ = 0 gives α_t·CE exactly.
 *
 * <p>The second tier ({@link Settings}, reached through the {@link Builder}) adds what the peers offer:
 * Keras' binary label smoothing, kornia's positive weight and soft-label formula, smp's reduced focal loss,
 * the soft-label rules of smp and MONAI ({@link BinarySoftLabelRule}), and Poly-1 focal loss. The peers'
 * conventions are one call away: {@link #torchvision(double, double)}, {@link #keras(double, double, boolean,
 * double)}, {@link #kornia(double, double)}, {@link #smp(double, double, double)}, {@link #monai(double,
 * double)}. Per-element and per-class weights multiply the loss from outside; they live in the batch
 * layer ({@code SigmoidBatch}).
 *
 * @param gamma the focusing parameter γ ≥ 0
 * @param alpha the balancing weight α ∈ [0, 1] for positives (ignored when {@code weighted} is false)
 * @param weighted whether α weighting is applied
 * @param settings the second-tier options ({@link Settings#DEFAULT}: none)
 */
public record SigmoidFocalLoss(double gamma, double alpha, boolean weighted, Settings settings)
        implements LogitLoss {

    /**
     * @throws InvalidArgumentException if γ is negative or not finite, or α is outside [0, 1]
     * @throws NullPointerException if settings is null
     */
    public SigmoidFocalLoss {
        Check.gamma(gamma);
        if (weighted) {
            Check.alpha(alpha);
        }
        java.util.Objects.requireNonNull(settings, "settings");
    }

    /**
     * The plain loss without second-tier options.
     *
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1] on positives (ignored when {@code weighted} is false)
     * @param weighted whether α weighting is applied
     * @throws InvalidArgumentException if γ is negative or not finite, or α is outside [0, 1]
     */
    public SigmoidFocalLoss(double gamma, double alpha, boolean weighted) {
        this(gamma, alpha, weighted, Settings.DEFAULT);
    }

    /**
     * torchvision's {@code ops.sigmoid_focal_loss(x, t, alpha, gamma)} (and fvcore's, and mmdet's
     * {@code py_sigmoid_focal_loss}): α on positives, 1 − α on negatives; the p_t rule for soft targets.
     *
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1], or a negative value to turn α off (torchvision's {@code alpha=-1})
     * @return the loss
     * @throws InvalidArgumentException if γ is out of range or α &gt; 1
     */
    public static SigmoidFocalLoss torchvision(double gamma, double alpha) {
        return alpha < 0 ? new SigmoidFocalLoss(gamma, 0, false) : new SigmoidFocalLoss(gamma, alpha, true);
    }

    /**
     * Keras' {@code BinaryFocalCrossentropy(gamma, alpha, apply_class_balancing, label_smoothing)} per
     * element (Keras then averages over the last axis; use {@code Reduction.MEAN} in the batch layer). Keras
     * 3 computes the cross-entropy from σ(x) clipped to [1e-7, 1 − 1e-7] even with {@code from_logits=True},
     * so its value stops growing beyond |x| ≈ 16; this is the exact, unclipped value, equal to Keras' up to
     * that clipping.
     *
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1], used only when {@code applyClassBalancing}
     * @param applyClassBalancing Keras' {@code apply_class_balancing} (default false: α is ignored)
     * @param labelSmoothing Keras' {@code label_smoothing} ∈ [0, 1]: t → t·(1 − s) + s/2
     * @return the loss
     * @throws InvalidArgumentException if a value is out of range
     */
    public static SigmoidFocalLoss keras(double gamma, double alpha, boolean applyClassBalancing,
                                         double labelSmoothing) {
        return new SigmoidFocalLoss(gamma, applyClassBalancing ? alpha : 0, applyClassBalancing,
                Settings.DEFAULT.withLabelSmoothing(labelSmoothing));
    }

    /**
     * kornia's {@code binary_focal_loss_with_logits(pred, target, alpha, gamma)}: α and 1 − α on the two
     * terms of its soft-label formula ({@link BinarySoftLabelRule#SEPARATE_TERMS}). Add kornia's
     * {@code pos_weight} with {@link Builder#positiveWeight(double)} and its per-class {@code weight} in
     * the batch layer.
     *
     * @param alpha α ∈ [0, 1], or NaN for kornia's {@code alpha=None} (no α)
     * @param gamma γ ≥ 0
     * @return the loss
     * @throws InvalidArgumentException if a value is out of range
     */
    public static SigmoidFocalLoss kornia(double alpha, double gamma) {
        Settings s = Settings.DEFAULT.withSoftLabelRule(BinarySoftLabelRule.SEPARATE_TERMS);
        return Double.isNaN(alpha) ? new SigmoidFocalLoss(gamma, 0, false, s) : new SigmoidFocalLoss(gamma, alpha, true, s);
    }

    /**
     * segmentation_models_pytorch's {@code focal_loss_with_logits(output, target, gamma, alpha,
     * reduced_threshold=...)} per element: p_t = exp(−CE) ({@link BinarySoftLabelRule#EXP_MINUS_CE}), and
     * the reduced focal loss when a threshold is given. Its {@code normalized=True} is a batch option
     * ({@code SigmoidBatch.Builder#normalized()}).
     *
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1], or NaN for smp's default {@code alpha=None}
     * @param reducedThreshold smp's {@code reduced_threshold} ∈ (0, 1], or NaN for none
     * @return the loss
     * @throws InvalidArgumentException if a value is out of range
     */
    public static SigmoidFocalLoss smp(double gamma, double alpha, double reducedThreshold) {
        Settings s = Settings.DEFAULT.withSoftLabelRule(BinarySoftLabelRule.EXP_MINUS_CE)
                .withReducedThreshold(reducedThreshold);
        return Double.isNaN(alpha) ? new SigmoidFocalLoss(gamma, 0, false, s) : new SigmoidFocalLoss(gamma, alpha, true, s);
    }

    /**
     * MONAI's {@code FocalLoss(gamma, alpha)} with sigmoid per element: the modulator σ(−(2t−1)·x)^γ
     * ({@link BinarySoftLabelRule#SIGNED_LOGIT}); its class {@code weight} lives in the batch layer.
     *
     * @param gamma γ ≥ 0
     * @param alpha α ∈ [0, 1], or NaN for MONAI's default {@code alpha=None}
     * @return the loss
     * @throws InvalidArgumentException if a value is out of range
     */
    public static SigmoidFocalLoss monai(double gamma, double alpha) {
        Settings s = Settings.DEFAULT.withSoftLabelRule(BinarySoftLabelRule.SIGNED_LOGIT);
        return Double.isNaN(alpha) ? new SigmoidFocalLoss(gamma, 0, false, s) : new SigmoidFocalLoss(gamma, alpha, true, s);
    }

    /**
     * torchvision's defaults: γ = 2, α = 0.25.
     *
     * @return the loss with γ = 2 and α = 0.25
     */
    public static SigmoidFocalLoss defaults() {
        return new SigmoidFocalLoss(2.0, 0.25, true);
    }

    /**
     * @return a builder starting from γ = 2, α = 0.25
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The loss for one logit.
     *
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @return FL ≥ 0
     * @throws InvalidArgumentException if x is not finite or t is outside [0, 1]
     */
    public double loss(double logit, double target) {
        return evaluate(logit, target).loss();
    }

    /**
     * dFL/dx for one logit.
     *
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @return the derivative of the loss with respect to the logit
     * @throws InvalidArgumentException if x is not finite or t is outside [0, 1]
     */
    public double gradient(double logit, double target) {
        return evaluate(logit, target).gradient();
    }

    @Override
    public double[] lossAndGradient(double logit, double target) {
        Terms terms = evaluate(logit, target);
        return new double[] {terms.loss(), terms.gradient()};
    }

    /**
     * Every intermediate of the loss for one logit: p, p_t, CE, the modulator, α_t, FL and dFL/dx.
     *
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @return the terms
     * @throws InvalidArgumentException if x is not finite or t is outside [0, 1]
     */
    public Terms evaluate(double logit, double target) {
        Check.finite("logit", logit);
        Check.unitInterval("target", target);
        if (!settings.isDefault()) {
            return evaluateGeneral(logit, target);
        }
        double x = logit;
        double t = target;
        Logistic lg = Logistic.of(x);
        double minusLogP = lg.minusLogP();       // softplus(−x) = −log p
        double minusLog1mP = lg.minusLog1mP();    // softplus(x)  = −log(1−p)
        double p = lg.p();
        double oneMinusP = lg.oneMinusP();

        double ce = t * minusLogP + (1 - t) * minusLog1mP;
        double pt = p * t + oneMinusP * (1 - t);
        double q = t * oneMinusP + (1 - t) * p;    // 1 − p_t without cancellation
        double logQ;
        if (t == 1) {
            logQ = -minusLog1mP;
        } else if (t == 0) {
            logQ = -minusLogP;
        } else {
            // log(1 − p_t) from p_t when p_t is small: log(q) of a q that rounded to 1 would give 0, and
            // q^γ = 1 instead of exp(−γ·p_t) (wrong for large γ).
            logQ = pt < 0.5 ? Math.log1p(-pt) : Math.log(q);
        }
        double modulator = gamma == 0 ? 1.0 : Math.exp(gamma * logQ);
        double alphaT = weighted ? alpha * t + (1 - alpha) * (1 - t) : 1.0;
        double loss = alphaT * modulator * ce;

        double grad;
        double dm;
        if (t == 1 || t == 0) {
            double y = t == 1 ? 1 : -1;
            double logPt = t == 1 ? -minusLogP : -minusLog1mP;
            grad = alphaT * y * modulator * (gamma * pt * logPt - q);
            dm = -y * gamma * modulator * pt;
        } else {
            dm = gamma == 0 ? 0 : gamma * (1 - 2 * t) * Math.exp((gamma - 1) * logQ - minusLogP - minusLog1mP);
            // CE·exp(…) first: at |x| near Double.MAX, γ(1−2t)·CE alone would overflow before the exp → 0.
            double focusing = gamma == 0 ? 0
                    : ce * Math.exp((gamma - 1) * logQ - minusLogP - minusLog1mP) * (gamma * (1 - 2 * t));
            grad = alphaT * ((p - t) * modulator + focusing);
        }
        return new Terms(p, pt, ce, modulator, alphaT, loss, grad, dm);
    }

    /** Every second-tier option; see {@link Settings} for the formulas. */
    private Terms evaluateGeneral(double x, double target) {
        double ls = settings.labelSmoothing;
        double t = ls == 0 ? target : target * (1 - ls) + 0.5 * ls;
        double wp = settings.positiveWeight;
        Logistic lg = Logistic.of(x);
        double spNeg = lg.minusLogP();       // −log p
        double spPos = lg.minusLog1mP();     // −log(1−p)
        double p = lg.p();
        double om = lg.oneMinusP();
        double logU = -spNeg - spPos;           // log p(1−p)

        if (settings.softLabelRule == BinarySoftLabelRule.SEPARATE_TERMS) {
            double a = weighted ? alpha : 1;
            double b = weighted ? 1 - alpha : 1;
            double m1 = gamma == 0 ? 1 : Math.exp(-gamma * spPos);     // (1−p)^γ
            double m0 = gamma == 0 ? 1 : Math.exp(-gamma * spNeg);     // p^γ
            double posTerm = m1 * spNeg;
            double negTerm = m0 * spPos;
            double gPos = m1 * (-gamma * p * spNeg - om);
            double gNeg = m0 * (gamma * om * spPos + p);
            double cp = wp * a * t;
            double cn = b * (1 - t);
            double loss = cp * posTerm + cn * negTerm;
            double grad = cp * gPos + cn * gNeg;
            double ce = t * spNeg + (1 - t) * spPos;
            double pt = p * t + om * (1 - t);
            double modulator = t * m1 + (1 - t) * m0;
            double dm = -t * gamma * m1 * p + (1 - t) * gamma * m0 * om;
            return new Terms(p, pt, ce, modulator, weighted ? alpha * t + (1 - alpha) * (1 - t) : 1, loss, grad, dm);
        }

        double ce = wp * t * spNeg + (1 - t) * spPos;
        double dce = (1 - t) * p - wp * t * om;
        double logQ;
        double sign;     // sign of dq/dx
        double logD;     // log |dq/dx|
        double pt;
        switch (settings.softLabelRule) {
            case P_T_MIX -> {
                logQ = t == 1 ? -spPos : t == 0 ? -spNeg : Math.log(t * om + (1 - t) * p);
                sign = Math.signum(1 - 2 * t);
                logD = Math.log(Math.abs(1 - 2 * t)) + logU;
                pt = p * t + om * (1 - t);
            }
            case EXP_MINUS_CE -> {
                logQ = Math.log(-Math.expm1(-ce));
                sign = Math.signum(dce);
                logD = -ce + Math.log(Math.abs(dce));
                pt = Math.exp(-ce);
            }
            case SIGNED_LOGIT -> {
                double s = 2 * t - 1;
                logQ = -StableMath.softplus(s * x);
                double log1mQ = -StableMath.softplus(-s * x);
                sign = -Math.signum(s);
                logD = Math.log(Math.abs(s)) + logQ + log1mQ;
                pt = Math.exp(log1mQ);
            }
            default -> throw new AssertionError(settings.softLabelRule);
        }
        double modulator;
        double dm;
        double th = settings.reducedThreshold;
        if (!Double.isNaN(th) && pt < th) {
            modulator = 1;
            dm = 0;
        } else {
            double shift = Double.isNaN(th) ? 0 : Math.log(th);
            modulator = gamma == 0 ? 1 : Math.exp(gamma * (logQ - shift));
            dm = gamma == 0 ? 0 : sign * gamma * Math.exp((gamma - 1) * logQ + logD - gamma * shift);
        }
        double alphaT = weighted ? alpha * t + (1 - alpha) * (1 - t) : 1.0;
        double loss = alphaT * modulator * ce;
        double grad = alphaT * (dm * ce + modulator * dce);
        double eps = settings.polyEpsilon;
        if (eps != 0) {
            loss += eps * Math.exp((gamma + 1) * logQ);
            grad += eps * (gamma + 1) * sign * Math.exp(gamma * logQ + logD);
        }
        return new Terms(p, pt, ce, modulator, alphaT, loss, grad, dm);
    }

    /**
     * The second derivative d²FL/dx², for Newton-type analysis and curvature plots.
     *
     * <p>With m = (1 − p_t)^γ, q = 1 − p_t and u = p·(1 − p):
     * <pre>
     *   d²FL/dx² = α_t·[m''·CE + 2·m'·CE' + m·CE''],   CE' = p − t,  CE'' = u
     *   m'  = γ·q^(γ−1)·q',   m'' = γ(γ−1)·q^(γ−2)·q'² + γ·q^(γ−1)·q'',   q' = (1−2t)·u,  q'' = (1−2t)·(1−2p)·u
     * </pre>
     * and for hard targets this is α_t·p_t·(1−p_t)^γ·[q·(γ·log p_t + γ + 1) − γ·(γ·p_t·log p_t − q)]. Every
     * power is evaluated in log space together with the factors u it multiplies (q^(γ−2)·u² =
     * exp((γ−2)·log q + 2·log u)), so the value is finite for every γ ≥ 0 and every finite logit, including
     * γ &lt; 2 where q^(γ−2) alone overflows. Label smoothing, α, the positive weight and Poly-1 are
     * included; for {@link BinarySoftLabelRule#SEPARATE_TERMS} it is the weighted sum of the two
     * hard-label curvatures. Limits: → 0 as |x| → ∞ for γ &gt; 0 on the easy side; → α_t·u for γ = 0 (the
     * curvature of CE).
     *
     * @param logit x, finite
     * @param target t ∈ [0, 1]
     * @return d²FL/dx²
     * @throws InvalidArgumentException if x is not finite, t is outside [0, 1], or the loss uses the reduced
     *                                  focal loss or a soft target with the EXP_MINUS_CE or SIGNED_LOGIT rule
     *                                  (not provided)
     */
    public double secondDerivative(double logit, double target) {
        Check.finite("logit", logit);
        Check.unitInterval("target", target);
        if (!Double.isNaN(settings.reducedThreshold)) {
            throw new InvalidArgumentException("second derivative is not provided for the reduced focal loss"
                    + " (reduced threshold = " + Fmt.plain(settings.reducedThreshold) + ")");
        }
        double x = logit;
        double ls = settings.labelSmoothing;
        double t = ls == 0 ? target : target * (1 - ls) + 0.5 * ls;
        BinarySoftLabelRule rule = settings.softLabelRule;
        boolean hard = t == 0 || t == 1;
        if (!hard && (rule == BinarySoftLabelRule.EXP_MINUS_CE || rule == BinarySoftLabelRule.SIGNED_LOGIT)) {
            throw new InvalidArgumentException("second derivative for a soft target (target = " + Fmt.plain(t)
                    + ") is provided for the P_T_MIX and SEPARATE_TERMS rules, not " + rule);
        }
        double wp = settings.positiveWeight;
        if (rule == BinarySoftLabelRule.SEPARATE_TERMS) {
            double a = weighted ? alpha : 1;
            double b = weighted ? 1 - alpha : 1;
            return wp * a * t * positiveCurvature(x) + b * (1 - t) * positiveCurvature(-x);
        }
        Logistic lg = Logistic.of(x);
        double spNeg = lg.minusLogP();
        double spPos = lg.minusLog1mP();
        double p = lg.p();
        double om = lg.oneMinusP();
        double logU = -spNeg - spPos;
        double u = Math.exp(logU);
        double ce = wp * t * spNeg + (1 - t) * spPos;
        double dce = (1 - t) * p - wp * t * om;
        double d2ce = (wp * t + 1 - t) * u;
        double logQ = t == 1 ? -spPos : t == 0 ? -spNeg : Math.log(t * om + (1 - t) * p);
        double c = 1 - 2 * t;
        double oneMinus2p = om - p;
        double m = Math.exp(gamma * logQ);
        // m' = γ c q^(γ−1) u ; m'' = γ(γ−1) c² q^(γ−2) u² + γ c (1−2p) q^(γ−1) u
        double qg1u = Math.exp((gamma - 1) * logQ + logU);
        double qg2u2 = Math.exp((gamma - 2) * logQ + 2 * logU);
        double dm = gamma == 0 ? 0 : gamma * c * qg1u;
        double d2m = gamma == 0 ? 0 : gamma * (gamma - 1) * c * c * qg2u2 + gamma * c * oneMinus2p * qg1u;
        double alphaT = weighted ? alpha * t + (1 - alpha) * (1 - t) : 1.0;
        double result = alphaT * (d2m * ce + 2 * dm * dce + m * d2ce);
        double eps = settings.polyEpsilon;
        if (eps != 0) {
            // d²/dx² q^(γ+1) = (γ+1)[γ c² q^(γ−1) u² + c (1−2p) q^γ u]
            double qg1u2 = Math.exp((gamma - 1) * logQ + 2 * logU);
            double qgu = Math.exp(gamma * logQ + logU);
            result += eps * (gamma + 1) * (gamma * c * c * qg1u2 + c * oneMinus2p * qgu);
        }
        return result;
    }

    /** d²/dx² of (1−p)^γ·(−log p), p = σ(x), in log space: p·(1−p)^γ·[(1−p)(γ log p + γ + 1) − γ(γ p log p − (1−p))]. */
    private double positiveCurvature(double x) {
        Logistic lg = Logistic.of(x);
        double spNeg = lg.minusLogP();
        double spPos = lg.minusLog1mP();
        double p = lg.p();
        double om = lg.oneMinusP();
        double pm = Math.exp(gamma * -spPos - spNeg);   // p·(1−p)^γ
        return pm * (om * (-gamma * spNeg + gamma + 1) - gamma * (-gamma * p * spNeg - om));
    }

    /**
     * The loss from a predicted probability p = σ(x) instead of a logit. Here 1 − p is computed by
     * subtraction because p is all we are given, so prefer {@link #evaluate(double, double)} when the
     * logit is known. At p = 0 or 1 on the wrong side of a hard target the loss is +∞.
     *
     * @param probability p ∈ [0, 1]
     * @param target t ∈ [0, 1]
     * @return FL ≥ 0, possibly +∞
     * @throws InvalidArgumentException if p or t is outside [0, 1], or second-tier options are set
     */
    public double lossFromProbability(double probability, double target) {
        if (!settings.isDefault()) {
            throw new InvalidArgumentException("lossFromProbability takes no second-tier options: use evaluate(logit, target)");
        }
        Check.unitInterval("probability", probability);
        Check.unitInterval("target", target);
        double p = probability;
        double t = target;
        double ce = -(xlogy(t, p) + xlogy(1 - t, 1 - p));
        double q = t * (1 - p) + (1 - t) * p;
        double modulator = Math.pow(q, gamma); // 0^0 = 1: γ = 0 gives CE
        double alphaT = weighted ? alpha * t + (1 - alpha) * (1 - t) : 1.0;
        return alphaT * modulator * ce;
    }

    /** x·log y with 0·log 0 = 0. */
    private static double xlogy(double x, double y) {
        return x == 0 ? 0 : x * Math.log(y);
    }

    /**
     * @return a copy of this loss with a different γ
     * @param newGamma γ ≥ 0
     */
    public SigmoidFocalLoss withGamma(double newGamma) {
        return new SigmoidFocalLoss(newGamma, alpha, weighted, settings);
    }

    /**
     * The second-tier options of a sigmoid focal loss. With t the target, p = σ(x):
     * <ul>
     *   <li>{@code labelSmoothing} s ∈ [0, 1], Keras' binary {@code label_smoothing}: t → t·(1 − s) + s/2
     *       before anything else (α_t too is computed from the smoothed target, as in Keras).</li>
     *   <li>{@code softLabelRule}: how a soft target enters the modulator ({@link BinarySoftLabelRule}).</li>
     *   <li>{@code positiveWeight} w ≥ 0, kornia's {@code pos_weight} (and torch BCE's): the positive term
     *       is multiplied by w, CE = −[w·t·log p + (1−t)·log(1−p)]; under SEPARATE_TERMS the loss is
     *       w·α·t·(1−p)^γ·(−log p) + (1−α)·(1−t)·p^γ·(−log(1−p)). It combines with α_t by multiplication.</li>
     *   <li>{@code reducedThreshold} th ∈ (0, 1] or NaN (off): the reduced focal loss of Sergievskiy and
     *       Ponamarev (2019, arXiv 1903.01347) as smp computes it: the modulator is 1 where p_t &lt; th and
     *       ((1 − p_t)/th)^γ where p_t ≥ th. It is discontinuous at p_t = th unless th = 0.5; the gradient
     *       is that of each piece.</li>
     *   <li>{@code polyEpsilon} ε ≥ −1, Poly-1 focal loss of Leng et al. (PolyLoss, ICLR 2022, arXiv
     *       2204.12511): FL + ε·(1 − p_t)^(γ+1), the ε term not weighted by α (as in the paper's code). ε = 0
     *       is FL; with γ = 0 and no α it is Poly-1 cross-entropy CE + ε·(1 − p_t).</li>
     * </ul>
     *
     * @param labelSmoothing s ∈ [0, 1]
     * @param softLabelRule the soft-label rule
     * @param positiveWeight w ≥ 0
     * @param reducedThreshold th ∈ (0, 1], or NaN for the ordinary modulator
     * @param polyEpsilon ε ≥ −1
     */
    public record Settings(double labelSmoothing, BinarySoftLabelRule softLabelRule, double positiveWeight,
                           double reducedThreshold, double polyEpsilon) {

        /** No option: the plain loss. */
        public static final Settings DEFAULT = new Settings(0, BinarySoftLabelRule.P_T_MIX, 1, Double.NaN, 0);

        /**
         * @throws InvalidArgumentException if a value is out of range, or SEPARATE_TERMS is combined with
         *                                  the reduced threshold or Poly-1
         * @throws NullPointerException if the rule is null
         */
        public Settings {
            Check.unitInterval("label smoothing", labelSmoothing);
            java.util.Objects.requireNonNull(softLabelRule, "softLabelRule");
            Check.nonNegative("positive weight", positiveWeight);
            if (!Double.isNaN(reducedThreshold) && !(reducedThreshold > 0 && reducedThreshold <= 1)) {
                throw Check.outOfRange("reduced threshold", reducedThreshold, "(0, 1]");
            }
            Check.polyEpsilon(polyEpsilon);
            if (softLabelRule == BinarySoftLabelRule.SEPARATE_TERMS
                    && (!Double.isNaN(reducedThreshold) || polyEpsilon != 0)) {
                throw new InvalidArgumentException("soft-label rule SEPARATE_TERMS (kornia) has no single p_t:"
                        + " it cannot be combined with a reduced threshold or Poly-1");
            }
        }

        /**
         * @return whether no option is set (the fast, plain path)
         */
        public boolean isDefault() {
            return equals(DEFAULT);
        }

        /**
         * @param value s ∈ [0, 1]
         * @return a copy with this label smoothing
         */
        public Settings withLabelSmoothing(double value) {
            return new Settings(value, softLabelRule, positiveWeight, reducedThreshold, polyEpsilon);
        }

        /**
         * @param value the rule
         * @return a copy with this soft-label rule
         */
        public Settings withSoftLabelRule(BinarySoftLabelRule value) {
            return new Settings(labelSmoothing, value, positiveWeight, reducedThreshold, polyEpsilon);
        }

        /**
         * @param value w ≥ 0
         * @return a copy with this positive weight
         */
        public Settings withPositiveWeight(double value) {
            return new Settings(labelSmoothing, softLabelRule, value, reducedThreshold, polyEpsilon);
        }

        /**
         * @param value th ∈ (0, 1], or NaN for none
         * @return a copy with this reduced threshold
         */
        public Settings withReducedThreshold(double value) {
            return new Settings(labelSmoothing, softLabelRule, positiveWeight, value, polyEpsilon);
        }

        /**
         * @param value ε ≥ −1
         * @return a copy with this Poly-1 ε
         */
        public Settings withPolyEpsilon(double value) {
            return new Settings(labelSmoothing, softLabelRule, positiveWeight, reducedThreshold, value);
        }
    }

    /**
     * The intermediates of a sigmoid focal loss evaluation.
     *
     * @param probability p = σ(x)
     * @param pt p_t = p·t + (1−p)·(1−t)
     * @param crossEntropy CE
     * @param modulator (1−p_t)^γ
     * @param alphaT α_t (1 when α is off)
     * @param loss FL = α_t·(1−p_t)^γ·CE
     * @param gradient dFL/dx
     * @param modulatorGradient dm/dx, the derivative of the modulator (used by smp's normalised focal loss)
     */
    public record Terms(double probability, double pt, double crossEntropy, double modulator, double alphaT,
                        double loss, double gradient, double modulatorGradient) {
    }

    /** Builder for {@link SigmoidFocalLoss}; starts from γ = 2, α = 0.25. */
    public static final class Builder {
        private double gamma = 2.0;
        private double alpha = 0.25;
        private boolean weighted = true;
        private double labelSmoothing;
        private BinarySoftLabelRule rule = BinarySoftLabelRule.P_T_MIX;
        private double positiveWeight = 1;
        private double reducedThreshold = Double.NaN;
        private double polyEpsilon;

        private Builder() {
        }

        /**
         * Keras' binary {@code label_smoothing}: t → t·(1 − s) + s/2.
         *
         * @param value s ∈ [0, 1]
         * @return this builder
         */
        public Builder labelSmoothing(double value) {
            labelSmoothing = value;
            return this;
        }

        /**
         * @param value how soft targets enter the modulator (default P_T_MIX)
         * @return this builder
         */
        public Builder softLabelRule(BinarySoftLabelRule value) {
            rule = value;
            return this;
        }

        /**
         * kornia's {@code pos_weight}: the positive term is multiplied by w.
         *
         * @param value w ≥ 0
         * @return this builder
         */
        public Builder positiveWeight(double value) {
            positiveWeight = value;
            return this;
        }

        /**
         * smp's reduced focal loss: modulator 1 below p_t = th, ((1 − p_t)/th)^γ above.
         *
         * @param value th ∈ (0, 1]
         * @return this builder
         */
        public Builder reducedThreshold(double value) {
            reducedThreshold = value;
            return this;
        }

        /**
         * Poly-1 focal loss: adds ε·(1 − p_t)^(γ+1).
         *
         * @param value ε ≥ −1
         * @return this builder
         */
        public Builder polyEpsilon(double value) {
            polyEpsilon = value;
            return this;
        }

        /**
         * @param value γ ≥ 0
         * @return this builder
         */
        public Builder gamma(double value) {
            this.gamma = value;
            return this;
        }

        /**
         * Turns α weighting on with this α (on positives; 1 − α on negatives).
         *
         * @param value α ∈ [0, 1]
         * @return this builder
         */
        public Builder alpha(double value) {
            this.alpha = value;
            this.weighted = true;
            return this;
        }

        /**
         * Turns α weighting off (torchvision's {@code alpha=-1}).
         *
         * @return this builder
         */
        public Builder noAlpha() {
            this.weighted = false;
            return this;
        }

        /**
         * @return the loss
         * @throws InvalidArgumentException if γ, α or a second-tier option is out of range
         */
        public SigmoidFocalLoss build() {
            return new SigmoidFocalLoss(gamma, alpha, weighted,
                    new Settings(labelSmoothing, rule, positiveWeight, reducedThreshold, polyEpsilon));
        }
    }
}
