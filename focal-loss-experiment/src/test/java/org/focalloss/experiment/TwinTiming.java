package org.focalloss.experiment;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Not a test: the Java half of the Java/Python timing comparison (focal-loss-experiment/src/test/python/training_twin.py runs it).
 * Writes the default data set's splits as CSV, then trains the notebook's 2-64-1 FL model on one thread and
 * prints wall-clock and CPU seconds per epoch (after a three-epoch warm-up run) and the test AP.
 *
 * <pre>java -cp target/classes:target/test-classes org.focalloss.experiment.TwinTiming target/twin 5 3</pre>
 */
public final class TwinTiming {

    private TwinTiming() {
    }

    /**
     * @param args output folder, epochs per run, timed runs
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/twin");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        DetectionData.DataSet data = DetectionData.generate();
        data.train().writeCsv(dir.resolve("train.csv"));
        data.test().writeCsv(dir.resolve("test.csv"));
        TrainOptions o = Experiment.limitedCapacity(epochs);
        Trainer.train(data.train(), o.toBuilder().epochs(3).build());   // warm-up: let the JIT compile the loops
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < repeats; r++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            Trainer.Result t = Trainer.train(data.train(), o);
            double cpuPerEpoch = (cpu.getCurrentThreadCpuTime() - c0) / 1e9 / epochs;
            double ap = AveragePrecision.of(t.model().logits(data.test().x()), data.test().labels());
            System.out.printf(Locale.ROOT, "java %s seconds_per_epoch=%.4f cpu_seconds_per_epoch=%.4f ap=%.4f%n",
                    new Mlp(o.layerSizes()).name(), t.secondsPerEpoch(), cpuPerEpoch, ap);
        }
    }
}
