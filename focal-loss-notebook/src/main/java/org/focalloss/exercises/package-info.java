/**
 * Self-checks for the notebooks' exercises: one class per notebook ({@code Exercises01} ... {@code Exercises06},
 * notebook 06's are notes only). {@code check(n, answer)} prints ✓ with one sentence of why, or ✗ with a
 * hint that names what is off (a factor of α, a log base, a sign, a class index), never the answer; an answer
 * cell that still holds its placeholder (Double.NaN, null) is "not answered yet"; open questions get a
 * discussion note from {@code discuss(n)}. The right answers are computed from the library when a check runs.
 * Depends on core only (printing to standard output is the kernel's display).
 */
package org.focalloss.exercises;
