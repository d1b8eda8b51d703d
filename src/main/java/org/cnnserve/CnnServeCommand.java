package org.cnnserve;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.stream.Stream;
import org.cnnserve.benchmark.BenchCommand;
import org.cnnserve.export.ExportOnnxCommand;
import org.cnnserve.training.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

/**
 * The command line: {@code cnnserve [serve]}, {@code train}, {@code bench engine|engines|architectures},
 * {@code export-onnx}.
 * Arguments are parsed, and usage errors reported (exit code 2), before any command runs: the
 * native set-up, Spring and ND4J load only for a command that will run, never for {@code --help} or
 * a mistyped command.
 */
// INHERIT: every command's --version prints the same version.
@Command(name = "cnnserve", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = CnnServeCommand.Version.class,
        synopsisSubcommandLabel = "[COMMAND]",
        description = {"Image classification with the CS231n CNN architectures: serves models over HTTP, trains "
                + "them and measures them.",
                "With no command, or with only Spring Boot --name=value properties, it serves."})
final class CnnServeCommand {

    private CnnServeCommand() {
    }

    /**
     * The whole command line.
     *
     * @param nativeSetUp runs once arguments are valid, before the command: what must precede ND4J
     */
    static CommandLine commandLine(ServeCommand serve, Runnable nativeSetUp, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new CnnServeCommand())
                // Spring Boot's --name=value arguments are not serve's options; its parameters check them.
                .addSubcommand(new CommandLine(serve).setUnmatchedOptionsArePositionalParams(true))
                .addSubcommand(new TrainCommand(out, err))
                .addSubcommand(BenchCommand.commandLine(out))
                .addSubcommand(new ExportOnnxCommand(out, err));
        // After the subcommands: these settings reach the commands present when they are made.
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExpandAtFiles(false); // an argument starting with @ is a value, never a file of arguments
        cli.setExecutionStrategy(parsed -> {
            if (CommandLine.printHelpIfRequested(parsed)) {
                return cli.getCommandSpec().exitCodeOnUsageHelp();
            }
            nativeSetUp.run();
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli;
    }

    /** Runs the command line on {@code args}, {@code serve} when they name no command; returns the exit code. */
    static int execute(CommandLine cli, String... args) {
        boolean serves = args.length == 0 || ServeCommand.isProperty(args[0]);
        return cli.execute(serves ? Stream.concat(Stream.of("serve"), Arrays.stream(args)).toArray(String[]::new)
                : args);
    }

    /** The version in the jar's manifest, or a note that this is not a packaged build. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CnnServeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"cnnserve " + (version == null ? "(not a packaged build)" : version)};
        }
    }
}
