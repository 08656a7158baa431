package org.focalloss.cli;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.focalloss.core.InvalidArgumentException;

/**
 * A file a command writes, so that no run destroys or mixes data:
 * <ul>
 *   <li>the output goes to a temporary file of this run alone ({@code .NAME.<random>.part}, created
 *       exclusively in the target's folder so the final move is an atomic rename) and replaces the target
 *       only after {@link #commit()}; two concurrent runs each move their own complete file, the last one
 *       wins;</li>
 *   <li>a symbolic link is written through: the regular file it points to is replaced, the link stays;
 *       a link to nothing, a folder ({@code /}, {@code .}, an existing directory) and anything that is not
 *       a regular file (a device such as {@code /dev/stdout}, a pipe) are refused, never renamed over;</li>
 *   <li>an output that is the input file (by path, link, {@code ./} or hard link: {@link Files#isSameFile})
 *       is refused, naming both;</li>
 *   <li>the temporary file is deleted when the run fails, and by a shutdown hook when the JVM is
 *       terminated (SIGTERM, SIGINT) before the move;</li>
 *   <li>write errors (disk full) name the file.</li>
 * </ul>
 * An existing target keeps its POSIX permissions; a new one gets the process's default (umask).
 */
final class OutputFile implements Closeable {

    private final Path shown;
    private final Path target;
    private final Path temp;
    private final Thread cleanup;
    private boolean committed;

    private OutputFile(Path shown, Path target, Path temp) {
        this.shown = shown;
        this.target = target;
        this.temp = temp;
        this.cleanup = new Thread(this::deleteTemp, "focal-loss: remove " + temp.getFileName());
        try {
            Runtime.getRuntime().addShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            deleteTemp();
            throw shuttingDown;
        }
    }

    /**
     * Checks the output path and creates this run's temporary file beside its target.
     *
     * @param out the output path as given
     * @param input the input file it must not be, or null
     * @return the open output
     * @throws InvalidArgumentException if {@code out} is a folder, a link to nothing, not a regular file, or
     *                                  the input file
     * @throws IOException if the folder cannot be created or the temporary file cannot be made
     */
    static OutputFile create(Path out, Path input) throws IOException {
        Path target = target(out, input);
        Path dir = target.getParent();
        Files.createDirectories(dir);
        String prefix = "." + target.getFileName() + ".";
        HexFormat hex = HexFormat.of();
        while (true) {
            Path temp = dir.resolve(prefix + hex.toHexDigits(ThreadLocalRandom.current().nextLong()) + ".part");
            try {
                Files.createFile(temp);     // CREATE_NEW: this run's own file
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            try {
                copyPermissions(target, temp);
                return new OutputFile(out, target, temp);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
        }
    }

    /** The regular file that {@code out} names (links followed), after the checks of {@link #create}. */
    static Path target(Path out, Path input) throws IOException {
        Path abs = out.toAbsolutePath();
        if (abs.getFileName() == null || Files.isDirectory(abs)) {
            throw new InvalidArgumentException("output " + out + " is a folder: give a file name, e.g. "
                    + (abs.getFileName() == null ? "/tmp/" : out + "/") + "out.csv");
        }
        Path target = abs;
        if (Files.isSymbolicLink(abs)) {
            try {
                target = abs.toRealPath();
            } catch (NoSuchFileException e) {
                throw new InvalidArgumentException("output " + out + " is a symbolic link to a missing file ("
                        + Files.readSymbolicLink(abs) + "): write to the file itself");
            }
        } else if (abs.getParent() != null && Files.isDirectory(abs.getParent())) {
            target = abs.getParent().toRealPath().resolve(abs.getFileName());
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target,
                LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidArgumentException("output " + out + (target.equals(abs) ? "" : " (" + target + ")")
                    + " is not a regular file (a device, pipe or socket): write to a regular file");
        }
        if (input != null && Files.exists(target) && Files.exists(input) && Files.isSameFile(input, target)) {
            throw new InvalidArgumentException("output " + out + " is the input file " + input
                    + ": write the output to another file");
        }
        return target;
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (src != null && dst != null) {
            dst.setPermissions(src.readAttributes().permissions());
        }
    }

    /**
     * @return a buffered stream into the temporary file whose write errors name the output, e.g.
     *         "cannot write out.csv: No space left on device"
     * @throws IOException if the temporary file cannot be opened
     */
    OutputStream stream() throws IOException {
        return named(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), shown.toString());
    }

    /**
     * @param out a stream
     * @param name the file name to put into error messages
     * @return {@code out}, whose I/O errors are rethrown as "cannot write NAME: reason"
     */
    static OutputStream named(OutputStream out, String name) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw fail(e);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw fail(e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw fail(e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    out.close();
                } catch (IOException e) {
                    throw fail(e);
                }
            }

            private IOException fail(IOException e) {
                return e.getMessage() != null && e.getMessage().startsWith("cannot write ") ? e
                        : new IOException("cannot write " + name + ": " + (e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage()), e);
            }
        };
    }

    /** @return the temporary file of this run */
    Path temp() {
        return temp;
    }

    /**
     * Moves the complete temporary file over the target in one atomic rename.
     *
     * @throws IOException if the rename fails (the target is then unchanged)
     */
    void commit() throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("cannot replace " + shown + ": " + Main.describe(e), e);
        }
        committed = true;
    }

    /** Deletes the temporary file unless it was committed, and removes the shutdown hook. */
    @Override
    public void close() {
        if (!committed) {
            deleteTemp();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) anyway
        }
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // best effort: nothing else can be done here
        }
    }
}
