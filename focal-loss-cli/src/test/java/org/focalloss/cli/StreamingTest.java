package org.focalloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch command streams: a million-row file goes through a JVM whose whole heap (16 MB) could not
 * hold the rows (about 120 MB of output text, and far more as Java objects).
 */
class StreamingTest {

    @Test
    void millionRowsPassThroughASixteenMegabyteHeap(@TempDir Path dir) throws Exception {
        int rows = 1_000_000;
        Path in = dir.resolve("in.csv");
        SplittableRandom rnd = new SplittableRandom(7);
        try (BufferedWriter w = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
            w.write("target,logit\n");
            for (int i = 0; i < rows; i++) {
                w.write((rnd.nextInt(100) == 0 ? "1," : "0,") + rnd.nextDouble(-8, 8) + "\n");
            }
        }
        Path out = dir.resolve("out.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx16m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "batch", "--mode", "sigmoid", "--gamma", "2", "--alpha", "0.25",
                "--in", in.toString(), "--out", out.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertTrue(output.startsWith("wrote 1000000 rows"), output);
        long lines = 0;
        try (BufferedReader r = Files.newBufferedReader(out)) {
            assertEquals("target,logit,p_t,ce,modulator,loss,grad", r.readLine());
            lines++;
            while (r.readLine() != null) {
                lines++;
            }
        }
        assertEquals(rows + 1, lines);
    }
}
