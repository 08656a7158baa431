// The cells binder/java_kernel.py runs once, in a throwaway kernel, to record the start-up archive (AppCDS):
// the library calls the notebooks make (charts, tables, explorer, calculator, batch, bad input), so the
// classes they load come from the archive when a reader opens a notebook. Side-effect free: nothing here
// writes a file (it runs in a temporary directory). Cells are separated by "// ---- cell" lines; {jar} is
// replaced by the absolute path of target/focal-loss.jar. Keep it in step with the notebooks' calls.
%classpath {jar}
import org.focalloss.core.*;
import org.focalloss.curves.*;
import org.focalloss.charts.*;
import org.focalloss.explorer.*;
import static org.focalloss.notebook.Notebook.*;
// ---- cell
double pt = 0.9;
System.out.println("CE " + Fmt.value(FocalLoss.crossEntropy(pt)) + ", FL " + Fmt.value(FocalLoss.loss(pt, 2.0)));
System.out.println(FocalLoss.headline(2.0, pt));
// ---- cell
show(FocalCharts.focalLoss(2.0));
// ---- cell
show(FocalCharts.figure1());
show(FocalCharts.modulator(0, 0.5, 1, 2, 5));
show(FocalCharts.gradients(0, 0.5, 1, 2, 5));
show(FocalCharts.focalStar());
// ---- cell
show(FocalTables.headlines(0.9, 0, 0.5, 1, 2, 5));
show(FocalTables.easyHard(2.0));
show(FocalTables.acrossGamma(0.1, 0.9, 0, 0.5, 1, 2, 5));
show(FocalCurves.overPt(FocalCurves.PtCurves.builder().gammas(2).points(11).yCeiling(5).build()));
// ---- cell
show(FocalLossExplorer.builder().gamma(2.0).showModulator(true).build());
// ---- cell
double[] z = Calculator.parseLogits("1.5, -0.8, 0.2");
double[] p = StableMath.softmax(z);
CalculatorResult r = Calculator.calculate("1.5, -0.8, 0.2", 1, 2.0, 0.25);
show(WorkedExample.HARD.result());
System.out.println(WorkedExample.HARD.explanation());
calculator("2.0, 0.5, -1.0, 0.1", 0, 2.0, 0.25);
show(FocalCharts.probabilities(r));
// ---- cell
SigmoidFocalLoss.Terms t = SigmoidFocalLoss.builder().gamma(2.0).alpha(0.25).build().evaluate(1.0, 1);
SoftmaxFocalLoss.Terms s = SoftmaxFocalLoss.builder().gamma(2.0).alphaPerClass(0.25, 0.5, 1.0).build()
        .evaluate(new double[] {1.5, -0.8, 0.2}, 1);
System.out.println(Fmt.value(t.loss()) + " " + Fmt.value(s.loss()) + " " + Fmt.fixed(PriorInitialization.bias(0.01), 3));
// ---- cell
org.focalloss.batch.SigmoidBatch batch = org.focalloss.batch.SigmoidBatch.builder().gamma(2.0).alpha(0.25)
        .reduction(org.focalloss.batch.Reduction.MEAN_POSITIVE).build();
double[] logits = new double[1000], targets = new double[1000];
targets[0] = 1;
System.out.println(Fmt.value(batch.compute(logits, targets).loss()));
// ---- cell
attempt(() -> FocalLoss.loss(0.9, -1.0));
calculator("1.5, abc, 0.2", 1, 2.0, 0.25);
