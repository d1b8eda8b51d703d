package org.cnnserve;

import java.util.Arrays;
import org.cnnserve.benchmark.ArchitectureBenchmark;
import org.cnnserve.benchmark.EngineBenchmark;
import org.cnnserve.benchmark.EngineComparison;
import org.cnnserve.engine.NativeLibraries;
import org.cnnserve.engine.OpenBlasCore;
import org.cnnserve.training.TrainCommand;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

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
        OpenBlasCore.select();
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

    /** Which native code the matrix products run on, in the start-up log. */
    @Bean
    ApplicationRunner nativeLibrariesReport() {
        Logger log = LoggerFactory.getLogger(CnnServeApplication.class);
        return args -> {
            Nd4j.getBackend();
            log.info("libnd4j build {}; OpenBLAS kernels {}, from {}",
                    NativeLibraries.describe(System.getProperty(NativeLibraries.PROPERTY, "")),
                    OpenBlasCore.running().orElse("(unknown)"), OpenBlasCore.selected());
        };
    }
}
