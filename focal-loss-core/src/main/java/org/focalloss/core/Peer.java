package org.focalloss.core;

/**
 * The libraries whose focal-loss options {@link FocalOption} maps, with the calls the mapping was read
 * from (their source, as of 2024–2025).
 */
public enum Peer {
    /** torchvision {@code ops.sigmoid_focal_loss}. */
    TORCHVISION("torchvision", "ops.sigmoid_focal_loss"),
    /** Keras 3 {@code BinaryFocalCrossentropy}, {@code CategoricalFocalCrossentropy}. */
    KERAS("Keras", "BinaryFocalCrossentropy, CategoricalFocalCrossentropy"),
    /** kornia ≥ 0.7 {@code losses.binary_focal_loss_with_logits}, {@code losses.focal_loss}. */
    KORNIA("kornia", "losses.binary_focal_loss_with_logits, losses.focal_loss"),
    /** MONAI {@code losses.FocalLoss}. */
    MONAI("MONAI", "losses.FocalLoss"),
    /** segmentation_models_pytorch {@code losses.FocalLoss}, {@code focal_loss_with_logits}. */
    SMP("smp", "losses.FocalLoss, losses._functional.focal_loss_with_logits"),
    /** fvcore {@code nn.sigmoid_focal_loss}, {@code sigmoid_focal_loss_star}. */
    FVCORE("fvcore", "nn.sigmoid_focal_loss, nn.sigmoid_focal_loss_star"),
    /** MMDetection / MMPretrain {@code FocalLoss}, {@code VarifocalLoss}, {@code QualityFocalLoss}. */
    MMDET("mmdet", "FocalLoss, VarifocalLoss, QualityFocalLoss"),
    /** optax {@code sigmoid_focal_loss}. */
    OPTAX("optax", "sigmoid_focal_loss");

    private final String label;
    private final String calls;

    Peer(String label, String calls) {
        this.label = label;
        this.calls = calls;
    }

    /**
     * @return the library's short name, e.g. "smp"
     */
    public String label() {
        return label;
    }

    /**
     * @return the calls the mapping was read from
     */
    public String calls() {
        return calls;
    }
}
