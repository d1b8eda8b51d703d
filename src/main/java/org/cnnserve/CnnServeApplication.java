package org.cnnserve;

import org.cnnserve.benchmark.EngineComparison;
import org.cnnserve.engine.NativeLibraries;
import java.util.Arrays;
import org.cnnserve.benchmark.ArchitectureBenchmark;
import org.cnnserve.benchmark.EngineBenchmark;
import org.cnnserve.training.TrainCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the service; or, without the web server, {@code train ...} trains a model into the
 * repository, {@code bench-engine ...} measures a model's raw forward-pass throughput and
 * {@code bench-architectures ...} every architecture's.
 */
@SpringBootApplication
public class CnnServeApplication {

    public static void main(String[] args) {
        // Before anything touches ND4J, which loads its native library once per process.
        NativeLibraries.select();
        if (args.length > 0 && args[0].equals("train")) {
            System.exit(TrainCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("bench-engine")) {
            System.exit(EngineBenchmark.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("bench-engines")) {
            System.exit(EngineComparison.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("bench-architectures")) {
            System.exit(ArchitectureBenchmark.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(CnnServeApplication.class, args);
    }
}
