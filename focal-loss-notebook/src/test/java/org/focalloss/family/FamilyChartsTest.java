package org.focalloss.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.focalloss.charts.FamilyCharts;
import org.focalloss.charts.Figure;
import org.focalloss.core.FocalOption;
import org.focalloss.core.Fmt;
import org.focalloss.core.Peer;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.curves.FamilyCurves;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

/** The family's tables and charts: their data, not their pixels. */
class FamilyChartsTest {

    @Test
    void familyChartHasOneSeriesPerCurveWithTheLossesValues() {
        Figure f = FamilyCharts.losses();
        XYChart chart = (XYChart) f.chart();
        assertEquals(FamilyCurves.defaultFamily().size(), chart.getSeriesMap().size());
        XYSeries fl = chart.getSeriesMap().get("FL, γ = 2");
        double[] x = fl.getXData();
        double[] y = fl.getYData();
        for (int i = 0; i < x.length; i += 40) {
            assertEquals(new SigmoidFocalLoss(2, 0, false).loss(x[i], 1), y[i], 1e-15);
        }
        assertTrue(f.description().contains("FL, γ = 2 " + Fmt.value(new SigmoidFocalLoss(2, 0, false).loss(2, 1))),
                f.description());
        XYSeries vfl = ((XYChart) FamilyCharts.gradients().chart()).getSeriesMap().get("VFL, q = 0.8");
        // VFL's gradient for q = 0.8 is 0.8·(p − 0.8): zero at p = 0.8, i.e. x = log 4
        int zero = 0;
        for (int i = 1; i < vfl.getYData().length; i++) {
            if (Math.abs(vfl.getYData()[i]) < Math.abs(vfl.getYData()[zero])) {
                zero = i;
            }
        }
        assertEquals(Math.log(4), vfl.getXData()[zero], 0.03);
    }

    @Test
    void labelSmoothingModulatorBottomsOutAtHalfTheSmoothingToTheGamma() {
        Table t = FamilyCurves.labelSmoothing(2, 0, 0.1, 0.2);
        double[] m0 = t.doubleColumn(FamilyCurves.modulatorColumn(0)).asDoubleArray();
        double[] m2 = t.doubleColumn(FamilyCurves.modulatorColumn(0.2)).asDoubleArray();
        double p = t.doubleColumn(FamilyCurves.P).get(m0.length - 1);
        assertEquals((1 - p) * (1 - p), m0[m0.length - 1], 1e-15);
        double tp = 1 - 0.1;
        double q = tp * (1 - p) + (1 - tp) * p;
        assertEquals(q * q, m2[m2.length - 1], 1e-15);
        assertTrue(m2[m2.length - 1] > 0.1 * 0.1 * 0.99, "floor (s/2)^γ = 0.01");
        Figure f = FamilyCharts.labelSmoothing(2, 0, 0.1, 0.2);
        assertEquals(3, ((XYChart) f.chart()).getSeriesMap().size());
        assertTrue(f.description().contains(Fmt.value(m2[m2.length - 1])), f.description());
    }

    @Test
    void curvatureTableIsTheSecondDerivativeAndChartNamesItsPeak() {
        Table t = FamilyCurves.curvature(0, 2);
        double[] x = t.doubleColumn(FamilyCurves.XT).asDoubleArray();
        double[] ce = t.doubleColumn(FamilyCurves.curvatureColumn(0)).asDoubleArray();
        for (int i = 0; i < x.length; i += 30) {
            double p = 1 / (1 + Math.exp(-x[i]));
            assertEquals(p * (1 - p), ce[i], 1e-15, "CE's curvature is p(1 − p)");
        }
        String d = FamilyCharts.curvature(0, 2).description();
        assertTrue(d.contains(Fmt.value(0.25) + " at x_t = 0 (γ = 0)"), d);
    }

    @Test
    void optionsTableHasEveryOptionAndEveryPeerAndThisLibraryOffersAll() {
        Table t = FamilyCurves.options();
        assertEquals(FocalOption.values().length, t.rowCount());
        assertEquals(2 + Peer.values().length, t.columnCount());
        assertEquals("reduced_threshold", t.stringColumn("smp").get(FocalOption.REDUCED.ordinal()));
        assertEquals("—", t.stringColumn("torchvision").get(FocalOption.REDUCED.ordinal()));
        Table c = FamilyCurves.coverage();
        assertEquals(FocalOption.values().length, c.doubleColumn("options offered").get(Peer.values().length), 0);
        for (Peer p : Peer.values()) {
            assertTrue(c.doubleColumn("options offered").get(p.ordinal()) < FocalOption.values().length, p.label());
        }
    }

    @Test
    void normalisedTableSharesSumToOne() {
        Table t = FamilyCurves.normalised(new double[] {-3, -4, -2.5, -0.5}, new double[] {0, 0, 0, 1}, 2);
        assertEquals(1, t.doubleColumn("share of Σ FL").sum(), 1e-12);
        assertEquals(1, t.doubleColumn("share, normalised").sum(), 1e-12);
    }
}
