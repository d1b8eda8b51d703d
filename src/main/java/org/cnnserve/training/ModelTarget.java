package org.cnnserve.training;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.datasets.LabelledImages;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.registry.ModelRepository;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * The model a run trains a version of: a folder already in the repository, or a new one staged in
 * a hidden folder that becomes the model only once its first version is complete. Everything is
 * checked before anything is written, so a wrong request leaves the repository as it was.
 */
final class ModelTarget {

    private final ModelDefinition definition;
    private final NewModelFolder created; // null for a model that existed

    ModelTarget(ModelDefinition definition, NewModelFolder created) {
        this.definition = definition;
        this.created = created;
    }

    /** The model {@code --model} names, or a new one of {@code --architecture} when there is none. */
    static ModelTarget open(TrainingOptions options, LabelledImages train) {
        ModelRepository repository = new ModelRepository(options.repository());
        try {
            if (Files.isDirectory(options.repository().resolve(options.model()))) {
                ModelDefinition definition = repository.read(options.model());
                if (options.architecture() != null && !options.architecture().equals(definition.config().architecture())) {
                    throw new TrainingException("model " + options.model() + " is a "
                            + definition.config().architecture() + ", not a " + options.architecture());
                }
                return new ModelTarget(definition, null);
            } else if (options.architecture() != null) {
                NewModelFolder created = stage(options, train);
                return new ModelTarget(repository.read(created.stagingName()), created);
            } else {
                throw new TrainingException("there is no model folder " + options.model() + " in "
                        + options.repository() + "; give --architecture to create one");
            }
        } catch (RuntimeException e) {
            throw e instanceof TrainingException t ? t : new TrainingException(e.getMessage(), e);
        }
    }

    ModelDefinition definition() {
        return definition;
    }

    /**
     * Runs the training into this model; then a new model's folder takes its name, or, if training
     * failed, is removed, so that nothing half-made stays in the repository.
     */
    void train(Runnable training) {
        try {
            training.run();
            if (created != null) {
                created.publish();
            }
        } catch (RuntimeException e) {
            if (created != null) {
                created.discard();
            }
            throw e;
        }
    }

    /** Checks the architecture, input and labels before anything is written, then stages the folder. */
    private static NewModelFolder stage(TrainingOptions options, LabelledImages train) {
        Architecture architecture;
        try {
            architecture = ArchitectureCatalog.standard().require(options.architecture());
        } catch (IllegalArgumentException e) {
            throw new TrainingException(e.getMessage(), e);
        }
        List<String> labels = labels(options, train);
        try {
            architecture.trainingConfiguration(options.input(), labels.size(), new NeuralNetConfiguration.Builder());
        } catch (IllegalArgumentException e) {
            throw new TrainingException("impossible input for " + architecture.name() + ": " + e.getMessage(), e);
        }
        PixelStatistics stats = PixelStatistics.of(train, options.input());
        String dataset = options.dataset().toAbsolutePath().normalize().getFileName().toString();
        return NewModelFolder.stage(options.repository(), options.model(), architecture, options.input(), labels,
                stats, dataset);
    }

    /** {@code --labels}, else the data set's own class names (an ImageFolder's folders, an IDX labels.txt). */
    private static List<String> labels(TrainingOptions options, LabelledImages train) {
        if (options.labels() != null) {
            try {
                return Files.readAllLines(options.labels()).stream().map(String::strip).filter(l -> !l.isEmpty())
                        .toList();
            } catch (IOException e) {
                throw new TrainingException("cannot read --labels " + options.labels() + ": " + e.getMessage(), e);
            }
        }
        if (train.classNames().isEmpty()) {
            throw new TrainingException("a new model needs class names: " + train.description() + " has none "
                    + "(give --labels FILE, one name per line, or put labels.txt in the data set)");
        }
        return train.classNames();
    }
}
