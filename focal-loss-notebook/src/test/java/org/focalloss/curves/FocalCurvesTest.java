package org.focalloss.curves;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.focalloss.core.FocalLoss;
import org.focalloss.core.FocalLossStar;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.StableMath;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class FocalCurvesTest {

    @Test
    void figureOneTableHasOneColumnPerGammaPlusCrossEntropy() {
        Table t = FocalCurves.overPt(0, 0.5, 1, 2, 5);
        assertEquals(List.of("p_t", "CE", "FL γ=0", "FL γ=0.5", "FL γ=1", "FL γ=2", "FL γ=5"), t.columnNames());
        assertEquals(501, t.rowCount());
    }

    @Test
    void leftEdgeIsEvaluatedAtOneInTenBillion() {
        Table t = FocalCurves.overPt(FocalCurves.PtCurves.builder().gammas(2).yCeiling(Double.POSITIVE_INFINITY)
                .build());
        assertEquals(1e-10, t.doubleColumn("p_t").get(0), 0);
        assertEquals(-Math.log(1e-10), t.doubleColumn("CE").get(0), 1e-12);
        assertEquals(1.0, t.doubleColumn("p_t").get(500), 0);
        assertEquals(0.0, t.doubleColumn("FL γ=2").get(500), 0);
    }

    @Test
    void valuesAboveTheCeilingBecomeMissingNotClipped() {
        Table t = FocalCurves.overPt(FocalCurves.PtCurves.builder().gammas(2).yCeiling(2).build());
        DoubleColumn pt = t.doubleColumn("p_t");
        DoubleColumn ce = t.doubleColumn("CE");
        for (int i = 0; i < t.rowCount(); i++) {
            double expected = -Math.log(pt.get(i));
            if (expected > 2) {
                assertTrue(ce.isMissing(i), "row " + i);
            } else {
                assertEquals(expected, ce.get(i), 1e-15);
            }
        }
        // CE > 2 for p_t < e^-2 ≈ 0.135: rows 0..67 of 501 are missing
        assertEquals(68, ce.countMissing());
    }

    @Test
    void modulatorAndGradientColumnsMatchTheCore() {
        Table t = FocalCurves.overPt(FocalCurves.PtCurves.builder().gammas(0.5, 2).modulator(true).gradient(true)
                .points(11).build());
        assertEquals(List.of("p_t", "CE", "FL γ=0.5", "FL γ=2", "(1-p_t)^γ γ=0.5", "(1-p_t)^γ γ=2", "dCE/dx_t",
                "dFL/dx_t γ=0.5", "dFL/dx_t γ=2"), t.columnNames());
        for (int i = 1; i < 11; i++) {
            double pt = i / 10.0;
            assertEquals(Math.pow(1 - pt, 2), t.doubleColumn("(1-p_t)^γ γ=2").get(i), 1e-12);
            assertEquals(pt - 1, t.doubleColumn("dCE/dx_t").get(i), 1e-12);
            assertEquals(FocalLoss.logitGradient(pt, 0.5), t.doubleColumn("dFL/dx_t γ=0.5").get(i), 1e-15);
        }
    }

    @Test
    void appendixCurvesOverXt() {
        Table t = FocalCurves.overXt();
        assertEquals(List.of("x_t", "CE", "FL γ=2", "FL* γ=2 β=1", "FL* γ=4 β=0", "dCE/dx_t", "dFL/dx_t γ=2",
                "dFL*/dx_t γ=2 β=1", "dFL*/dx_t γ=4 β=0"), t.columnNames());
        int mid = t.rowCount() / 2;
        assertEquals(0.0, t.doubleColumn("x_t").get(mid), 1e-12);
        assertEquals(Math.log(2), t.doubleColumn("CE").get(mid), 1e-12);
        // FL*(x_t = 0) = softplus(−β)/γ
        assertEquals(StableMath.softplus(-1) / 2, t.doubleColumn("FL* γ=2 β=1").get(mid), 1e-12);
        assertEquals(new FocalLossStar(4, 0).gradientAtXt(0), t.doubleColumn("dFL*/dx_t γ=4 β=0").get(mid), 0);
        assertEquals(-0.5, t.doubleColumn("dCE/dx_t").get(mid), 1e-12);
        assertEquals(0, t.doubleColumn("CE").countMissing());
    }

    @Test
    void badOptionsAreRejectedWithTheirRange() {
        assertEquals("gamma = -2.0 is out of range [0, ∞)",
                assertThrows(InvalidArgumentException.class, () -> FocalCurves.overPt(-2)).getMessage());
        assertEquals("points = 1 is out of range [2, ∞)", assertThrows(InvalidArgumentException.class,
                () -> FocalCurves.PtCurves.builder().points(1).build()).getMessage());
    }
}
