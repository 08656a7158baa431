package org.focalloss.curves;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.focalloss.batch.Reduction;
import org.focalloss.batch.SigmoidBatch;
import org.focalloss.core.PriorInitialization;
import org.focalloss.core.WorkedExample;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class FocalTablesTest {

    @Test
    void easyHardTableShowsSuppressionRatios() {
        Table t = FocalTables.easyHard(2);
        assertEquals(4, t.rowCount());
        // CE/FL = 1/(1−p_t)^2: 1.2346, 4, 100, 10000
        assertEquals(1 / 0.81, t.doubleColumn("CE/FL").get(0), 1e-9);
        assertEquals(4, t.doubleColumn("CE/FL").get(1), 1e-9);
        assertEquals(100, t.doubleColumn("CE/FL").get(2), 1e-9);
        assertEquals(10000, t.doubleColumn("CE/FL").get(3), 1e-6);
        String printed = t.print();
        assertTrue(printed.contains("10,000"), printed);
        assertTrue(printed.contains("0.99"), printed);
    }

    @Test
    void calculatorTablesMarkTheTrueClass() {
        Table classes = FocalTables.classes(WorkedExample.HARD.result());
        assertEquals("← p_t", classes.stringColumn("true class").get(1));
        assertTrue(classes.print().contains("0.073033"));
        Table q = FocalTables.quantities(WorkedExample.EASY.result());
        assertTrue(q.print().contains("2.5354e-05"), q.print());
    }

    @Test
    void alphaConventionsDisagreeAsTheLibrariesDocumentThem() {
        Table t = FocalTables.alphaConventions(0.9, 2, 0.25);
        assertEquals(6, t.rowCount());
        double fl = org.focalloss.core.FocalLoss.loss(0.9, 2);
        // torchvision: α on positives, 1 − α on negatives
        assertEquals(0.25, t.doubleColumn("α_t positive").get(0), 0);
        assertEquals(0.75, t.doubleColumn("α_t negative").get(0), 0);
        assertEquals(0.75 * fl, t.doubleColumn("FL negative").get(0), 1e-15);
        // Keras' binary default ignores α
        assertEquals(1.0, t.doubleColumn("α_t positive").get(1), 0);
        assertEquals(1.0, t.doubleColumn("α_t negative").get(1), 0);
        // the multi-class losses scale every class by α
        assertEquals(0.25, t.doubleColumn("α_t negative").get(5), 0);
        // the torchvision row is what SigmoidFocalLoss computes for a negative with p_t = 0.9
        double x = -Math.log(0.9 / 0.1);
        assertEquals(new org.focalloss.core.SigmoidFocalLoss(2, 0.25, true).loss(x, 0),
                t.doubleColumn("FL negative").get(0), 1e-12);
    }

    @Test
    void priorInitialisationMatchesTheBatchLossOverRealAnchors() {
        int anchors = 100_000;
        int positives = 100;
        double b = PriorInitialization.bias(0.01);
        assertEquals(-4.595, b, 0.0005);
        Table t = FocalTables.priorInitialization(anchors, positives, 0.01, 2, 0.25);
        // independent route: the batch API over 100,000 actual anchors, normalised by the positives
        double[] logits = new double[anchors];
        double[] targets = new double[anchors];
        for (int i = 0; i < positives; i++) {
            targets[i * 1000] = 1;
        }
        int row = 0;
        for (double gamma : new double[] {0, 2}) {
            for (double logit : new double[] {0, b}) {
                java.util.Arrays.fill(logits, logit);
                double loss = SigmoidBatch.builder().gamma(gamma).alpha(0.25).reduction(Reduction.MEAN_POSITIVE).build()
                        .compute(logits, targets).loss();
                assertEquals(loss, t.doubleColumn("total").get(row), 1e-9 * loss, "row " + row);
                row++;
            }
        }
        // without the prior, 99.97 % of the loss comes from the easy negatives
        assertTrue(t.doubleColumn("negative share").get(0) > 0.999);
        assertTrue(t.doubleColumn("negative share").get(3) < 0.001);
    }
}
