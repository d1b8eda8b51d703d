package org.cnnserve;

import java.util.Arrays;
import org.cnnserve.training.TrainCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the service, or with {@code train ...} as arguments, trains a model into the repository
 * without starting the web server.
 */
@SpringBootApplication
public class CnnServeApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("train")) {
            System.exit(TrainCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(CnnServeApplication.class, args);
    }
}
