package org.cnnserve;

import org.cnnserve.engine.NativeLibraries;
import org.cnnserve.engine.OpenBlasCore;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The service, and the entry point of every command: {@code serve} (the default) starts it; {@code train}
 * trains a model into the repository and {@code bench ...} measures throughput, without the web server
 * (see {@link CnnServeCommand}).
 */
@SpringBootApplication
public class CnnServeApplication {

    public static void main(String[] args) {
        ServeCommand serve = new ServeCommand(properties -> SpringApplication.run(CnnServeApplication.class, properties));
        int exit = CnnServeCommand.execute(CnnServeCommand.commandLine(serve, CnnServeApplication::selectNativeLibraries,
                System.out, System.err), args);
        // A started service lives on in its server's threads; every other command ends the process with its code.
        if (!serve.started()) {
            System.exit(exit);
        }
    }

    /** Before anything touches ND4J, which loads its native library once per process. */
    private static void selectNativeLibraries() {
        NativeLibraries.select();
        OpenBlasCore.select();
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
