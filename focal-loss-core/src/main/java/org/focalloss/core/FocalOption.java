package org.focalloss.core;

import java.util.EnumMap;
import java.util.Map;

/**
 * Which library offers which focal-loss option under which name, and where it is here: the data behind
 * the side-by-side table of the guide page docs/guide/focal-family.md and notebook 05 (like {@link AlphaConvention} for α). A name of
 * {@code null} means the library does not offer the option. Read from the libraries' source; see
 * {@link Peer#calls()}.
 */
public enum FocalOption {

    /** The focusing parameter γ. */
    GAMMA("focusing γ", "gamma(γ)", "gamma", "gamma", "gamma", "gamma", "gamma", "gamma", "gamma", "gamma"),
    /** Binary α: α on positives, 1 − α on negatives. */
    ALPHA_BINARY("binary α (α / 1 − α)", "alpha(α)", "alpha", "alpha + apply_class_balancing=True", "alpha",
            "alpha", "alpha", "alpha", "alpha", "alpha"),
    /** Softmax α as one scale on every class. */
    ALPHA_SCALE("softmax α, one scale", "SoftmaxFocalLoss.of(γ, α)", null, "alpha (categorical)", "alpha (≤ 0.6)",
            null, null, null, null, null),
    /** Softmax α as 1 − α on class 0 and α on the other classes. */
    ALPHA_BACKGROUND("softmax α, 1 − α on class 0", "SoftmaxFocalLoss.kornia/monai(…)", null, null,
            "alpha (≥ 0.7)", "alpha (use_softmax)", null, null, null, null),
    /** Per-class weights of any size ≥ 0. */
    CLASS_WEIGHTS("class weights ≥ 0", "classWeights(w…)", null, null, "weight", "weight", null, null, null, null),
    /** Per-sample or per-element weights. */
    SAMPLE_WEIGHTS("sample / element weights", "compute(x, t, weights)", null, "sample_weight", null, null, null,
            null, "weight", null),
    /** kornia's positive weight. */
    POSITIVE_WEIGHT("positive weight", "positiveWeight(w)", null, null, "pos_weight", null, null, null, null, null),
    /** An ignore label. */
    IGNORE("ignore label", "ignoreLabel(l) / ignoreIndex(i)", null, null, "ignore_index", null, "ignore_index", null,
            null, null),
    /** Binary label smoothing t → t(1 − s) + s/2. */
    LABEL_SMOOTHING_BINARY("binary label smoothing", "labelSmoothing(s)", null, "label_smoothing", null, null, null,
            null, null, null),
    /** Categorical label smoothing y → y(1 − s) + s/C. */
    LABEL_SMOOTHING_CATEGORICAL("categorical label smoothing", "labelSmoothing(s)", null, "label_smoothing", null,
            null, null, null, null, null),
    /** How a soft binary target enters the modulator. */
    SOFT_TARGETS_BINARY("binary soft targets: rule", "softLabelRule(…)", "p_t mix", "p_t mix", "separate terms",
            "signed logit", "exp(−CE)", "p_t mix", "p_t mix", "p_t mix"),
    /** Target distributions for softmax. */
    SOFT_TARGETS_SOFTMAX("softmax target distributions", "evaluate(z, y), softLabelConvention(…)", null,
            "per class (y_true)", null, "per class (target)", null, null, null, null),
    /** smp's reduced focal loss. */
    REDUCED("reduced focal loss", "reducedThreshold(th)", null, null, null, null, "reduced_threshold", null, null,
            null),
    /** smp's normalised focal loss. */
    NORMALIZED("normalised focal loss", "SigmoidBatch…normalized()", null, null, null, null, "normalized", null, null,
            null),
    /** Division by the number of positives. */
    MEAN_POSITIVE("divide by positives", "Reduction.MEAN_POSITIVE", null, null, null, null, null, null, "avg_factor",
            null),
    /** FL* of the paper's appendix. */
    FL_STAR("FL*", "FocalLossStar(γ, β[, α])", null, null, null, null, null, "sigmoid_focal_loss_star", null, null),
    /** Poly-1 and Poly-1 focal. */
    POLY1("Poly-1 / Poly-1 focal", "polyEpsilon(ε)", null, null, null, null, null, null, null, null),
    /** Quality Focal Loss. */
    QFL("Quality Focal Loss", "QualityFocalLoss(β)", null, null, null, null, null, null, "QualityFocalLoss(beta)",
            null),
    /** Varifocal loss. */
    VFL("Varifocal loss", "VarifocalLoss(α, γ, iouWeighted)", null, null, null, null, null, null,
            "VarifocalLoss(alpha, gamma, iou_weighted)", null),
    /** The second derivative. */
    SECOND_DERIVATIVE("d²FL/dx²", "secondDerivative(x, t)", "autograd", "autodiff", "autograd", "autograd", "autograd",
            "autograd", "autograd", "jax.hessian");

    private final String option;
    private final String here;
    private final Map<Peer, String> names = new EnumMap<>(Peer.class);

    FocalOption(String option, String here, String... perPeer) {
        this.option = option;
        this.here = here;
        Peer[] peers = Peer.values();
        if (perPeer.length != peers.length) {
            throw new AssertionError(name() + ": one name per peer");
        }
        for (int i = 0; i < peers.length; i++) {
            if (perPeer[i] != null) {
                names.put(peers[i], perPeer[i]);
            }
        }
    }

    /**
     * @return what the option means, e.g. "reduced focal loss"
     */
    public String option() {
        return option;
    }

    /**
     * @return how to reach it in this library
     */
    public String here() {
        return here;
    }

    /**
     * @param peer a library
     * @return the library's name for the option, or null if it does not offer it
     */
    public String nameIn(Peer peer) {
        return names.get(peer);
    }

    /**
     * The table as Markdown (the side-by-side table of the guide page docs/guide/focal-family.md): one row per option, a column for this
     * library and one per {@link Peer}, "—" where a library lacks the option.
     *
     * @return the Markdown table, lines ending in {@code \n}
     */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder("| option | here |");
        for (Peer p : Peer.values()) {
            b.append(' ').append(p.label()).append(" |");
        }
        b.append("\n|---|---|");
        for (int i = 0; i < Peer.values().length; i++) {
            b.append("---|");
        }
        b.append('\n');
        for (FocalOption o : values()) {
            b.append("| ").append(o.option).append(" | `").append(o.here).append("` |");
            for (Peer p : Peer.values()) {
                String n = o.nameIn(p);
                b.append(' ').append(n == null ? "—" : "`" + n + "`").append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * @param peer a library
     * @return whether the library offers the option
     */
    public boolean offeredBy(Peer peer) {
        return names.containsKey(peer);
    }
}
