package org.focalloss.core;

/**
 * How popular libraries read the α of focal loss. They agree on the formula −α_t(1 − p_t)^γ log p_t but
 * not on α_t: a class balance (α for positives, 1 − α for negatives), a global scale on every class, or
 * nothing at all by default. Checked against the libraries' documentation and source (torchvision 0.x
 * {@code ops.sigmoid_focal_loss}; Keras 2.13–3 {@code BinaryFocalCrossentropy},
 * {@code CategoricalFocalCrossentropy}; kornia {@code losses.binary_focal_loss_with_logits},
 * {@code losses.focal_loss}).
 */
public enum AlphaConvention {

    /** torchvision {@code sigmoid_focal_loss(alpha=0.25)}: α on positives, 1 − α on negatives; α &lt; 0 turns it off. */
    TORCHVISION_SIGMOID("torchvision sigmoid_focal_loss", "α on positives, 1 − α on negatives", true),
    /** Keras {@code BinaryFocalCrossentropy(alpha=0.25)} with its default {@code apply_class_balancing=False}: α is ignored. */
    KERAS_BINARY_DEFAULT("Keras BinaryFocalCrossentropy (default)", "ignored: apply_class_balancing=False", true),
    /** Keras {@code BinaryFocalCrossentropy(apply_class_balancing=True)}: α for class 1, 1 − α for class 0. */
    KERAS_BINARY_BALANCED("Keras BinaryFocalCrossentropy(apply_class_balancing=True)", "α for class 1, 1 − α for class 0",
            true),
    /** kornia {@code binary_focal_loss_with_logits(alpha=0.25)}: α on positives, 1 − α on negatives. */
    KORNIA_BINARY("kornia binary_focal_loss_with_logits", "α on positives, 1 − α on negatives", true),
    /** Keras {@code CategoricalFocalCrossentropy(alpha=0.25)}: the same α for every class. */
    KERAS_CATEGORICAL("Keras CategoricalFocalCrossentropy", "one α for every class (a scale)", false),
    /** kornia {@code focal_loss(alpha)}: the same α for every class. */
    KORNIA_MULTICLASS("kornia focal_loss", "one α for every class (a scale)", false);

    private final String call;
    private final String reading;
    private final boolean binary;

    AlphaConvention(String call, String reading, boolean binary) {
        this.call = call;
        this.reading = reading;
        this.binary = binary;
    }

    /**
     * @return the library call
     */
    public String call() {
        return call;
    }

    /**
     * @return how it reads α, in words
     */
    public String reading() {
        return reading;
    }

    /**
     * @return whether this is a binary (sigmoid) loss rather than a multi-class (softmax) one
     */
    public boolean binary() {
        return binary;
    }

    /**
     * The weight α_t this convention gives an example.
     *
     * @param alpha the α passed to the library, in [0, 1]
     * @param positive whether the example is a positive (binary target 1; for multi-class: any true class)
     * @return α_t
     * @throws InvalidArgumentException if α is outside [0, 1]
     */
    public double alphaT(double alpha, boolean positive) {
        Check.alpha(alpha);
        return switch (this) {
            case TORCHVISION_SIGMOID, KERAS_BINARY_BALANCED, KORNIA_BINARY -> positive ? alpha : 1 - alpha;
            case KERAS_BINARY_DEFAULT -> 1.0;
            case KERAS_CATEGORICAL, KORNIA_MULTICLASS -> alpha;
        };
    }
}
