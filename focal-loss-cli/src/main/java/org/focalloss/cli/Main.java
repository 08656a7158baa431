package org.focalloss.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.focalloss.core.Check;
import org.focalloss.core.InvalidArgumentException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar focal-loss.jar COMMAND …}: the calculator (text and HTML page), CSV batches, charts and the explorer.
 * Bad input prints one line naming the bad value and exits with status 2; an I/O failure exits with 1;
 * no stack traces.
 */
@Command(name = "focal-loss", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Focal loss (Lin et al., 2017, \"Focal Loss for Dense Object Detection\"):",
            "FL(p_t) = -alpha_t (1 - p_t)^gamma log(p_t), exact and numerically stable."},
        subcommands = {CalcCommand.class, BatchCommand.class, PlotCommand.class, ExplorerCommand.class,
            CalculatorCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 success, 2 invalid input, 1 input/output error.",
            "Run 'java -jar focal-loss.jar COMMAND --help' for a command's options."})
public final class Main implements Runnable {

    /** Exit status for invalid input. */
    static final int INVALID_INPUT = 2;
    /** Exit status for an input/output failure. */
    static final int IO_ERROR = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), NativeArguments.recover(args)));
    }

    /**
     * Runs a command line with the given output streams (for tests and embedding).
     *
     * @param out standard output
     * @param err standard error
     * @param args the command line
     * @return the exit status
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidArgumentException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return INVALID_INPUT;
            }
            if (e instanceof UncheckedIOException u) {
                commandLine.getErr().println("error: " + describe(u.getCause()));
                return IO_ERROR;
            }
            if (e instanceof java.io.IOException io) {
                commandLine.getErr().println("error: " + describe(io));
                return IO_ERROR;
            }
            throw e;
        });
        cl.setParameterExceptionHandler((e, arguments) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("error: " + e.getMessage());
            c.getErr().println("Try 'java -jar focal-loss.jar " + c.getCommandSpec().qualifiedName(" ")
                    .replaceFirst("^focal-loss ?", "") + (c.getCommandSpec().parent() == null ? "" : " ")
                    + "--help' for the options.");
            return INVALID_INPUT;
        });
        int status = cl.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** A one-line description of an I/O failure, naming the file. */
    static String describe(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return (f.getReason() == null ? "no such file or directory" : f.getReason()) + ": " + f.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return (f.getReason() == null ? "cannot access" : f.getReason()) + ": " + f.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Parses a number given on the command line, with the library's message on failure.
     *
     * @param name the option, e.g. "gamma"
     * @param text the text
     * @return the number
     */
    static double number(String name, String text) {
        return Check.number(name, text);
    }

    /**
     * Parses a comma-separated list of numbers, e.g. {@code 0,0.5,1,2,5}.
     *
     * @param name the option
     * @param text the list
     * @return the numbers
     */
    static double[] numbers(String name, String text) {
        List<Double> values = new ArrayList<>();
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            values.add(Check.number(parts.length == 1 ? name : name + " " + (i + 1), parts[i]));
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"focal-loss " + (v == null ? "(development build)" : v)};
        }
    }
}
