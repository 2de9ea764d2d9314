package io.tierserve.policy.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Command-line entry point of policy-service ({@code java -jar policy-service.jar <subcommand>}).
 *
 * <p>Invalid input ends with one message on standard error and exit code 2, never a stack trace.
 * A new subcommand is a class of this package registered in {@code subcommands} below.
 */
@Command(
        name = "policy-service",
        mixinStandardHelpOptions = true,
        version = "policy-service 1",
        description =
                "Recall-optimal cascade policies (T-Tamer): solve instances, build frontiers and tiers from profiles.",
        subcommands = {
            SolveCommand.class,
            FrontierCommand.class,
            TiersCommand.class,
            CoverageCommand.class,
            SyntheticCommand.class,
            EvaluateCommand.class,
            ConvertCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PolicyCli implements Runnable {

    /** Exit code for invalid input or usage. */
    public static final int INVALID_INPUT = 2;

    private final InputStream in;

    private PolicyCli(InputStream in) {
        this.in = in;
    }

    InputStream in() {
        return in;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the command line against the given streams and returns the exit code (for tests and embedding). */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        CommandLine commandLine = new CommandLine(new PolicyCli(in))
                .setOut(outWriter)
                .setErr(errWriter)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    boolean invalid = e instanceof IllegalArgumentException;
                    cmd.getErr().println((invalid ? "invalid input: " : "error: ") + e.getMessage());
                    cmd.getErr().flush();
                    return invalid ? INVALID_INPUT : 1;
                });
        int code = commandLine.execute(args);
        outWriter.flush();
        errWriter.flush();
        return code;
    }
}
