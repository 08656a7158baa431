package org.focalloss.core;

/**
 * How a multi-class (softmax) focal loss applies the modulator to a target distribution y (soft labels,
 * label smoothing). For a one-hot y both give −α_t·(1 − p_t)^γ·log p_t.
 * <pre>
 *   PER_CLASS   FL = Σ_j α_j·y_j·(1 − p_j)^γ·(−log p_j)                      Keras CategoricalFocalCrossentropy, MONAI, kornia
 *   TRUE_CLASS  FL = (Σ_j α_j·y_j)·(1 − p_t)^γ·(−Σ_j y_j·log p_j),  p_t = Σ_j y_j·p_j   the p_t form (PolyLoss' p_t)
 * </pre>
 * PER_CLASS puts a modulator on every class the target mentions; TRUE_CLASS computes one p_t, the
 * probability the model gives the target distribution, and modulates the soft cross-entropy with it.
 */
public enum SoftLabelConvention {
    /** A modulator per class: Σ_j y_j·(1 − p_j)^γ·(−log p_j) (Keras, MONAI, kornia). */
    PER_CLASS,
    /** One modulator (1 − Σ_j y_j p_j)^γ on the soft cross-entropy (the p_t form). */
    TRUE_CLASS
}
