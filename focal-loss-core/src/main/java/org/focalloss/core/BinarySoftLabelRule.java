package org.focalloss.core;

/**
 * How a binary (sigmoid) focal loss reads a soft target t ∈ (0, 1). For hard targets (t = 0 or 1) all
 * four rules give the same loss and gradient; they differ only between 0 and 1, which is where label
 * smoothing, IoU targets and distillation put them. With p = σ(x), CE = −[t·log p + (1−t)·log(1−p)]:
 * <pre>
 *   P_T_MIX         FL = α_t·(1 − p_t)^γ·CE,  p_t = t·p + (1−t)·(1−p)                 torchvision, Keras, fvcore
 *   SEPARATE_TERMS  FL = −α·t·(1−p)^γ·log p − (1−α)·(1−t)·p^γ·log(1−p)                kornia
 *   EXP_MINUS_CE    FL = α_t·(1 − e^(−CE))^γ·CE                                       segmentation_models_pytorch
 *   SIGNED_LOGIT    FL = α_t·σ(−(2t−1)·x)^γ·CE                                        MONAI
 * </pre>
 * ({@code α_t = α·t + (1−α)·(1−t)}). SEPARATE_TERMS is not a focal modulator applied to the soft CE but the
 * hard-label loss interpolated linearly in t, so its optimum is not at p = t for γ &gt; 0.
 */
public enum BinarySoftLabelRule {
    /** p_t = t·p + (1−t)·(1−p), modulator (1 − p_t)^γ on the soft CE (torchvision, Keras, fvcore). */
    P_T_MIX,
    /** t·(1−p)^γ·(−log p) + (1−t)·p^γ·(−log(1−p)), α and 1 − α on the two terms (kornia). */
    SEPARATE_TERMS,
    /** p_t = exp(−CE), modulator (1 − exp(−CE))^γ (segmentation_models_pytorch). */
    EXP_MINUS_CE,
    /** 1 − p_t = σ(−(2t − 1)·x), the modulator from the signed logit (MONAI). */
    SIGNED_LOGIT
}
