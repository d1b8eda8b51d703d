package org.cnnserve.benchmark;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for the bench commands' counts and durations, which make no sense at zero or below:
 * picocli names the option in front of their message.
 */
final class Positive {

    private Positive() {
    }

    /** A positive whole number, such as a batch size or a class count. */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int parsed;
            try {
                parsed = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (parsed < 1) {
                throw new TypeConversionException("must be at least 1, was " + parsed);
            }
            return parsed;
        }
    }

    /** A positive, finite number of seconds; fractions allowed. */
    static final class Seconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double parsed;
            try {
                parsed = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number of seconds");
            }
            if (!(parsed > 0) || Double.isInfinite(parsed)) {
                throw new TypeConversionException("must be a positive number of seconds, was " + value);
            }
            return parsed;
        }
    }
}
