package org.cnnserve.training;

import java.io.PrintStream;
import java.nio.file.Path;
import org.cnnserve.architectures.InputShape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code train} arguments and runs a {@link Trainer}. Bad arguments print a message and
 * the usage and exit with 2 before anything in the repository is touched.
 */
public final class TrainCommand {

    static final String USAGE = """
            usage: train --model NAME --dataset DIR [options]
                   train --architecture NAME --dataset DIR [options]
              --model NAME          model folder in the repository (its model.yaml gives architecture,
                                    input shape, classes and preprocessing); default: the architecture
              --architecture NAME   a catalogue architecture; creates the model folder if it is new
              --input HxWxC         a new model's input (default: 28x28x1; images are resized to it)
              --labels FILE         a new model's class names (default: labels.txt in the dataset)
              --repository DIR      model repository (default: models)
              --dataset DIR         directory with Fashion-MNIST IDX files (train-*, t10k-*)
              --epochs N            passes over the training set (default: 10)
              --batch-size N        images per step (default: 64)
              --learning-rate X     initial SGD learning rate (default: 0.01)
              --momentum X          Nesterov momentum (default: 0.9)
              --weight-decay X      L2 weight decay (default: 0.0005)
              --seed N              seed for initialisation, shuffling and augmentation (default: 42)
              --flip true|false     random left-right flips (default: true)
              --shift N             random translations by up to N pixels (default: 0)
              --threads N           native threads (default: one per core); two runs side by side with
                                    one thread each train more images per second in all than one with two
            """;

    private static final Set<String> OPTIONS = Set.of("--model", "--architecture", "--input", "--labels",
            "--repository", "--dataset", "--epochs",
            "--batch-size", "--learning-rate", "--momentum", "--weight-decay", "--seed", "--flip", "--shift",
            "--threads");

    private TrainCommand() {
    }

    /** Runs the command; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        TrainingOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("train: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            new Trainer(options, out, "train " + String.join(" ", args)).run();
            return 0;
        } catch (TrainingException e) {
            err.println("train: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("train: failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    static TrainingOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i += 2) {
            String key = list.get(i);
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "'");
            }
            if (i + 1 >= list.size()) {
                throw new IllegalArgumentException(key + " needs a value");
            }
            values.put(key, list.get(i + 1));
        }
        return new TrainingOptions(
                values.get("--model"),
                values.get("--architecture"),
                values.containsKey("--input") ? InputShape.parse(values.get("--input")) : null,
                values.containsKey("--labels") ? Path.of(values.get("--labels")) : null,
                Path.of(values.getOrDefault("--repository", "models")),
                values.containsKey("--dataset") ? Path.of(values.get("--dataset")) : null,
                integer(values, "--epochs", "10"),
                integer(values, "--batch-size", "64"),
                decimal(values, "--learning-rate", "0.01"),
                decimal(values, "--momentum", "0.9"),
                decimal(values, "--weight-decay", "0.0005"),
                Long.parseLong(number(values, "--seed", "42")),
                bool(values, "--flip", "true"),
                integer(values, "--shift", "0"),
                integer(values, "--threads", "0"));
    }

    private static int integer(Map<String, String> values, String key, String fallback) {
        return Integer.parseInt(number(values, key, fallback));
    }

    private static double decimal(Map<String, String> values, String key, String fallback) {
        return Double.parseDouble(number(values, key, fallback));
    }

    private static String number(Map<String, String> values, String key, String fallback) {
        String v = values.getOrDefault(key, fallback);
        if (!v.matches("-?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?")) {
            throw new IllegalArgumentException(key + " must be a number, was '" + v + "'");
        }
        return v;
    }

    private static boolean bool(Map<String, String> values, String key, String fallback) {
        String v = values.getOrDefault(key, fallback);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, was '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }
}
