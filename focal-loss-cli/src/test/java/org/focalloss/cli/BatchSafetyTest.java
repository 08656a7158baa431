package org.focalloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batch command never loses, mixes or half-writes data: per-run temporary files, links written
 * through, devices and the input refused, clean-up on SIGTERM, and one-line errors that name the file.
 */
class BatchSafetyTest {

    private static CliTest.Run batch(Path in, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("batch", "--mode", "sigmoid", "--in", in.toString(), "--out",
                out.toString()));
        args.addAll(List.of(extra));
        return CliTest.run(args.toArray(String[]::new));
    }

    private static Path sigmoidInput(Path file, int rows, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("target,logit\n");
            for (int i = 0; i < rows; i++) {
                w.write(rnd.nextInt(2) + "," + rnd.nextDouble(-8, 8) + "\n");
            }
        }
        return file;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void concurrentRunsWithTheSameOutputLeaveOneRunsCompleteFile(@TempDir Path dir) throws Exception {
        int rows = 150_000;
        Path a = sigmoidInput(dir.resolve("a.csv"), rows, 1);
        Path b = sigmoidInput(dir.resolve("b.csv"), rows, 2);
        Path expectA = dir.resolve("expect-a.csv");
        Path expectB = dir.resolve("expect-b.csv");
        assertEquals(0, batch(a, expectA).status());
        assertEquals(0, batch(b, expectB).status());
        Path out = dir.resolve("out.csv");
        for (int round = 0; round < 3; round++) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<CliTest.Run>> runs = new ArrayList<>();
                for (Path in : List.of(a, b)) {
                    runs.add(pool.submit(() -> {
                        start.await();
                        return batch(in, out);
                    }));
                }
                start.countDown();
                for (Future<CliTest.Run> r : runs) {
                    assertEquals(0, r.get().status(), r.get().err());
                }
            } finally {
                pool.shutdown();
            }
            long size = Files.size(out);
            assertTrue(size == Files.size(expectA) || size == Files.size(expectB), "mixed output: " + size + " bytes");
            byte[] got = Files.readAllBytes(out);
            assertTrue(java.util.Arrays.equals(got, Files.readAllBytes(expectA))
                    || java.util.Arrays.equals(got, Files.readAllBytes(expectB)), "output is neither run's");
            assertEquals(List.of("a.csv", "b.csv", "expect-a.csv", "expect-b.csv", "out.csv"), names(dir));
        }
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStaysALink(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("in.csv"), "target,logit\n1,0.5\n");
        Path real = Files.writeString(dir.resolve("real.csv"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real.getFileName());
        CliTest.Run r = batch(in, link);
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(real).startsWith("target,logit,p_t"), Files.readString(real));
        assertEquals(List.of("in.csv", "link.csv", "real.csv"), names(dir));
    }

    @Test
    void aLinkToNothingIsRefused(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("in.csv"), "target,logit\n1,0.5\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("missing.csv"));
        CliTest.Run r = batch(in, link);
        assertEquals(2, r.status());
        assertEquals("error: output " + link + " is a symbolic link to a missing file (missing.csv): write to the"
                + " file itself", r.err().strip());
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void aPipeOrALinkToADeviceIsNeverReplaced(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("in.csv"), "target,logit\n1,0.5\n");
        Path fifo = dir.resolve("fifo");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        CliTest.Run r = batch(in, fifo);
        assertEquals(2, r.status());
        assertEquals("error: output " + fifo + " is not a regular file (a device, pipe or socket): write to a"
                + " regular file", r.err().strip());
        assertFalse(Files.isRegularFile(fifo));
        Path devNull = Files.createSymbolicLink(dir.resolve("null.csv"), Path.of("/dev/null"));
        CliTest.Run n = batch(in, devNull);
        assertEquals(2, n.status());
        assertEquals("error: output " + devNull + " (/dev/null) is not a regular file (a device, pipe or socket):"
                + " write to a regular file", n.err().strip());
        assertTrue(Files.isSymbolicLink(devNull));
        assertEquals(List.of("fifo", "in.csv", "null.csv"), names(dir));
    }

    @ParameterizedTest(name = "--out {0}")
    @ValueSource(strings = {"in.csv", "./in.csv", "sub/../in.csv", "link.csv", "hard.csv"})
    void theInputIsNeverTheOutput(String out, @TempDir Path dir) throws Exception {
        String content = "target,logit\n1,0.5\n0,-2\n";
        Path in = Files.writeString(dir.resolve("in.csv"), content);
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link.csv"), in.getFileName());
        Files.createLink(dir.resolve("hard.csv"), in);
        Path o = Path.of(dir + "/" + out);
        CliTest.Run r = batch(in, o);
        assertEquals(2, r.status());
        assertEquals("error: output " + o + " is the input file " + in + ": write the output to another file",
                r.err().strip());
        assertEquals(content, Files.readString(in));
        assertEquals(List.of("hard.csv", "in.csv", "link.csv", "sub"), names(dir));
    }

    @Test
    void aFolderAsOutputIsNamed(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("in.csv"), "target,logit\n1,0.5\n");
        CliTest.Run root = batch(in, Path.of("/"));
        assertEquals(2, root.status());
        assertEquals("error: output / is a folder: give a file name, e.g. /tmp/out.csv", root.err().strip());
        Path sub = Files.createDirectory(dir.resolve("results"));
        CliTest.Run folder = batch(in, sub);
        assertEquals(2, folder.status());
        assertEquals("error: output " + sub + " is a folder: give a file name, e.g. " + sub + "/out.csv",
                folder.err().strip());
        assertEquals(List.of("in.csv", "results"), names(dir));
        assertEquals(List.of(), names(sub));
    }

    @Test
    void aFullDiskIsReportedWithTheFileName() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "/dev/full");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> {
            try (OutputStream o = OutputFile.named(new FileOutputStream("/dev/full"), "out.csv")) {
                o.write(new byte[100]);
                o.flush();
            }
        });
        assertEquals("cannot write out.csv: No space left on device", e.getMessage());
    }

    @Test
    void aFullDiskEndToEndLeavesNoFile(@TempDir Path dir) throws Exception {
        Path mount = Files.createDirectory(dir.resolve("tiny"));
        boolean mounted;
        try {
            mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString())
                    .redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            mounted = false;
        }
        assumeTrue(mounted, "cannot mount a tmpfs here");
        try {
            Path in = sigmoidInput(dir.resolve("in.csv"), 5_000, 3);
            Path out = mount.resolve("out.csv");
            CliTest.Run r = batch(in, out);
            assertEquals(1, r.status());
            assertEquals("error: cannot write " + out + ": No space left on device", r.err().strip());
            assertEquals(List.of(), names(mount));
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor();
        }
    }

    @Test
    void bytesThatAreNotUtf8AreNamedWithFileRowAndLine(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.csv");
        Files.write(in, new byte[] {'t', 'a', 'r', 'g', 'e', 't', ',', 'l', 'o', 'g', 'i', 't', '\n', '1', ',', '2',
            '\n', '0', ',', '1', (byte) 0xff, '\n'});
        CliTest.Run r = batch(in, dir.resolve("out.csv"));
        assertEquals(2, r.status());
        assertEquals("error: in.csv, row 2 (line 3): byte 4 of the line (0xff) is not valid UTF-8: save the file as"
                + " UTF-8", r.err().strip());
        assertEquals(List.of("in.csv"), names(dir));
    }

    @Test
    void aHugeJunkFieldIsCutInTheMessage(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "target,logit\n1," + "x".repeat(10_000_000) + "\n");
        CliTest.Run r = batch(in, dir.resolve("out.csv"));
        assertEquals(2, r.status());
        assertEquals("error: in.csv, row 1 (line 2): logit = \"" + "x".repeat(40) + "…\" (10000000 characters)"
                + " is not a number (expected e.g. 1.5 or -0.8)", r.err().strip());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sigmoid|target,logit,logit|column \"logit\" appears twice (columns 2 and 3); keep one",
        "sigmoid|target,logit,target|column \"target\" appears twice (columns 1 and 3); keep one",
        "softmax|target,z0,z1,z0|column \"z0\" appears twice (columns 2 and 4); keep one",
        "softmax|target,z0,z01|column \"z01\" looks like a logit column; name them z0, z1, … without leading zeros",
        "softmax|target,z0,z2|column \"z2\" has no \"z1\" before it; logit columns must be z0, z1, … without gaps"})
    void duplicateOrAmbiguousColumnsAreRefused(String table, @TempDir Path dir) throws Exception {
        String[] p = table.split("\\|");
        Path in = Files.writeString(dir.resolve("in.csv"), p[1] + "\n" + "0,".repeat(p[1].split(",").length - 1)
                + "0\n");
        CliTest.Run r = CliTest.run("batch", "--mode", p[0], "--in", in.toString(), "--out",
                dir.resolve("out.csv").toString());
        assertEquals(2, r.status());
        assertEquals("error: in.csv: " + p[2], r.err().strip());
    }

    @Test
    void aWideSoftmaxHeaderIsReadInLinearTime(@TempDir Path dir) throws Exception {
        int classes = 200_000;   // the quadratic header took 27–115 s for 80,000 columns
        StringBuilder header = new StringBuilder("target");
        StringBuilder row = new StringBuilder("3");
        for (int j = 0; j < classes; j++) {
            header.append(",z").append(j);
            row.append(',').append(j % 7 - 3);
        }
        Path in = Files.writeString(dir.resolve("in.csv"), header + "\n" + row + "\n" + row + "\n");
        Path out = dir.resolve("out.csv");
        CliTest.Run r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliTest.run("batch", "--mode",
                "softmax", "--in", in.toString(), "--out", out.toString()));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("wrote 2 rows"), r.out());
    }

    @Test
    void sigtermRemovesTheTemporaryFile(@TempDir Path dir) throws Exception {
        Path in = sigmoidInput(dir.resolve("in.csv"), 3_000_000, 4);
        Path out = dir.resolve("out.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "batch", "--mode", "sigmoid", "--in", in.toString(), "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        boolean partSeen = false;
        while (!partSeen && p.isAlive() && System.nanoTime() < deadline) {
            partSeen = names(dir).stream().anyMatch(n -> n.startsWith(".out.csv.") && n.endsWith(".part"));
            Thread.sleep(20);
        }
        assumeTrue(partSeen && p.isAlive(), "the child finished before it could be terminated");
        Thread.sleep(200);
        p.destroy();   // SIGTERM
        p.waitFor();
        assertEquals(List.of("in.csv", "log.txt"), names(dir));
    }

    @Test
    void anEmptyLogitFieldIsNamedByPosition() {
        CliTest.Run r = CliTest.run("calc", "--logits", "1.5,,2", "--target", "0");
        assertEquals(2, r.status());
        assertEquals("error: logit 2 is empty in \"1.5,,2\": remove the extra comma or put a number there",
                r.err().strip());
    }

    @Test
    void aNumberBeyondDoubleRangeIsTooLarge() {
        CliTest.Run r = CliTest.run("calc", "--logits", "1e400,2", "--target", "0");
        assertEquals(2, r.status());
        assertEquals("error: logit 1 = \"1e400\" is too large: numbers must lie within ±1.8e308 (Double.MAX_VALUE)",
                r.err().strip());
    }

    @Test
    void aUnicodeMinusSurvivesAnAsciiLocale() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "calc", "--logits", "\u22121.5,\u20130.8,0.2", "--target", "1",
                "--format", "csv");
        pb.environment().put("LANG", "C");
        pb.environment().put("LC_ALL", "C");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertTrue(output.contains("logit_0,-1.5") || output.contains("-1.5"), output);
        CliTest.Run same = CliTest.run("calc", "--logits", "-1.5,-0.8,0.2", "--target", "1", "--format", "csv");
        assertEquals(same.out(), output);
    }

    @Test
    void damagedArgumentsAreRecoveredFromTheRawCommandLine() {
        byte[] cmdline = "java\0-jar\0x.jar\0--logits\0\u22121.5,2\0".getBytes(StandardCharsets.UTF_8);
        String damaged = new String("\u22121.5,2".getBytes(StandardCharsets.UTF_8), StandardCharsets.US_ASCII);
        String[] args = {"--logits", damaged};
        assertEquals(List.of("--logits", "\u22121.5,2"),
                List.of(NativeArguments.recover(args, cmdline, StandardCharsets.US_ASCII)));
        // A command line that does not match the arguments is not used.
        assertEquals(List.of(args), List.of(NativeArguments.recover(args, "a\0b\0".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.US_ASCII)));
    }

    @Test
    void anUndecodableArgumentSaysWhatWentWrong() {
        CliTest.Run r = CliTest.run("calc", "--logits", "\uFFFD\uFFFD\uFFFD1.5,2", "--target", "0");
        assertEquals(2, r.status());
        assertTrue(r.err().strip().startsWith("error: logit 1 = \"\uFFFD\uFFFD\uFFFD1.5\" contains a character that"
                + " could not be decoded"), r.err());
    }
}
