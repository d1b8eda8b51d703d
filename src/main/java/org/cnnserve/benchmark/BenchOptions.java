package org.cnnserve.benchmark;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A bench command's {@code --option value} pairs: only the options the command knows, each with a
 * value. Every read names the option in its error, so that a typo gets a message rather than a
 * stack trace; errors are {@link IllegalArgumentException}s, which the commands print with their usage.
 */
final class BenchOptions {

    private final Map<String, String> values;

    private BenchOptions(Map<String, String> values) {
        this.values = values;
    }

    static BenchOptions parse(String[] args, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.put(args[i], args[i + 1]);
        }
        return new BenchOptions(values);
    }

    Optional<String> text(String option) {
        return Optional.ofNullable(values.get(option));
    }

    List<String> list(String option, List<String> otherwise) {
        return text(option).map(v -> List.of(v.split(","))).orElse(otherwise);
    }

    /** Comma-separated positive integers, such as batch sizes. */
    int[] positiveIntegers(String option, int... otherwise) {
        if (!values.containsKey(option)) {
            return otherwise;
        }
        int[] parsed = Arrays.stream(values.get(option).split(",")).mapToInt(v -> parse(option, v)).toArray();
        if (Arrays.stream(parsed).anyMatch(v -> v < 1)) {
            throw new IllegalArgumentException(option + " takes positive integers, was '" + values.get(option) + "'");
        }
        return parsed;
    }

    int integer(String option, int otherwise) {
        return text(option).map(v -> parse(option, v)).orElse(otherwise);
    }

    /** A positive number, such as a duration in seconds. */
    double positive(String option, double otherwise) {
        double value = otherwise;
        if (values.containsKey(option)) {
            try {
                value = Double.parseDouble(values.get(option));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a number, was '" + values.get(option) + "'");
            }
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be positive, was " + value);
        }
        return value;
    }

    private static int parse(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes integers, was '" + value + "'");
        }
    }
}
