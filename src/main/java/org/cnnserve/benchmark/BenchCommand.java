package org.cnnserve.benchmark;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench engine|engines|architectures}: throughput measurements, without the web service. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "(engine | engines | architectures)",
        description = {"Measures throughput without the web service.",
                "Forward passes (or training steps) on random inputs, with no HTTP and no batcher."})
public final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    private BenchCommand() {
    }

    /** The {@code bench} command with its subcommands, which print their tables to {@code out}. */
    public static CommandLine commandLine(PrintStream out) {
        return new CommandLine(new BenchCommand())
                .addSubcommand(new EngineBenchmark(out))
                .addSubcommand(new EngineComparison(out))
                .addSubcommand(new ArchitectureBenchmark(out));
    }

    /** Runs when no subcommand was given. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "bench needs what to measure: engine, engines or architectures");
    }
}
