package org.cnnserve.benchmark;

import java.util.List;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureCatalog;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --names} a bench command measures: each a catalogue architecture, all of them when none are given. */
final class ArchitectureNames {

    private ArchitectureNames() {
    }

    /** @throws ParameterException naming the first unknown architecture, which picocli prints with the usage */
    static List<String> resolve(CommandSpec spec, ArchitectureCatalog catalog, List<String> names) {
        if (names == null || names.isEmpty()) {
            return catalog.all().stream().map(Architecture::name).toList();
        }
        for (String name : names) {
            try {
                catalog.require(name);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--names: " + e.getMessage());
            }
        }
        return List.copyOf(names);
    }
}
