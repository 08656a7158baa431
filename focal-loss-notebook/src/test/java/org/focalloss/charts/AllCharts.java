package org.focalloss.charts;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.focalloss.core.WorkedExample;
import org.junit.jupiter.params.provider.Arguments;

/** Every chart the library draws, for the tests that must hold for all of them. */
final class AllCharts {

    private AllCharts() {
    }

    static Stream<Arguments> charts() {
        return Stream.of(
                Arguments.of("focalLoss(2)", (Supplier<Figure>) () -> FocalCharts.focalLoss(2)),
                Arguments.of("focalLoss(0)", (Supplier<Figure>) () -> FocalCharts.focalLoss(0)),
                Arguments.of("figure1", (Supplier<Figure>) FocalCharts::figure1),
                Arguments.of("figure1(0, 0.25, 3, 7)", (Supplier<Figure>) () -> FocalCharts.figure1(0, 0.25, 3, 7)),
                Arguments.of("modulator", (Supplier<Figure>) () -> FocalCharts.modulator(0, 0.5, 1, 2, 5)),
                Arguments.of("gradients", (Supplier<Figure>) () -> FocalCharts.gradients(0, 0.5, 1, 2, 5)),
                Arguments.of("gradients(0.5, 2)", (Supplier<Figure>) () -> FocalCharts.gradients(0.5, 2)),
                Arguments.of("loss with α and γ = 0", (Supplier<Figure>) () -> PtChart.builder().gammas(0, 2).alpha(0.25)
                        .build()),
                Arguments.of("focalStar", (Supplier<Figure>) FocalCharts::focalStar),
                Arguments.of("focalStarGradients", (Supplier<Figure>) FocalCharts::focalStarGradients),
                Arguments.of("probabilities",
                        (Supplier<Figure>) () -> FocalCharts.probabilities(WorkedExample.EASY.result())));
    }
}
