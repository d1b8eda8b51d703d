package org.cnnserve;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code serve}, the default command: starts the web service, passing Spring Boot's
 * {@code --name=value} property arguments through. Anything else is a usage error, found before
 * the server starts, so that a mistyped command does not quietly start a server instead.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the web service (the default command).",
                "Serves the model repository's models over HTTP, with metrics. cnnserve with no command, or with only "
                        + "--name=value properties, serves."})
final class ServeCommand implements Callable<Integer> {

    private static final Pattern PROPERTY = Pattern.compile("--[^=\\s]+=.*", Pattern.DOTALL);

    @Spec
    private CommandSpec spec;

    private List<String> properties = List.of();
    private final Consumer<String[]> server;
    private volatile boolean started;

    /** @param server starts the service with the property arguments, e.g. through {@code SpringApplication.run} */
    ServeCommand(Consumer<String[]> server) {
        this.server = server;
    }

    static boolean isProperty(String argument) {
        return PROPERTY.matcher(argument).matches();
    }

    @Parameters(paramLabel = "--name=value", description = "a Spring Boot property, e.g. --server.port=8080 "
            + "or --server.address=127.0.0.1")
    void properties(List<String> arguments) {
        for (String argument : arguments) {
            if (!isProperty(argument)) {
                throw new ParameterException(spec.commandLine(),
                        "serve takes Spring Boot properties as --name=value, was '" + argument + "'");
            }
        }
        properties = List.copyOf(arguments);
    }

    @Override
    public Integer call() {
        server.accept(properties.toArray(String[]::new));
        started = true;
        return 0;
    }

    /** Whether the service started, so that the process stays up for it. */
    boolean started() {
        return started;
    }
}
