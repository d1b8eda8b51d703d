package org.cnnserve.benchmark;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The engines {@code bench engines} can time on one catalogue network, in the order of the table's
 * columns. {@link #RAW} is the onnx engine's yardstick: a bare ONNX Runtime session on the same
 * exported bytes, no replica class in between.
 */
enum EngineColumn {
    /** DL4J's layers: {@code ComputationGraph.outputSingle}. */
    DL4J("dl4j", "DL4J"),
    /** The graph compiled into libnd4j's native ops, on an NHWC batch. */
    NATIVE("native", "native"),
    /** The exported graph through the onnx engine's replica class, as a worker calls it. */
    ONNX("onnx", "onnx"),
    /** A bare session on the same exported graph, called in a plain loop ({@link RawSession}). */
    RAW("raw", "raw ORT");

    private final String option;
    private final String heading;

    EngineColumn(String option, String heading) {
        this.option = option;
        this.heading = heading;
    }

    /** How the column is headed in the table. */
    String heading() {
        return heading;
    }

    /** How {@code --engines} names it. */
    String option() {
        return option;
    }

    /** Parses one of {@code dl4j, native, onnx, raw}; picocli names the option in front of the message. */
    static final class Converter implements ITypeConverter<EngineColumn> {
        @Override
        public EngineColumn convert(String value) {
            String name = value.trim();
            return Arrays.stream(values()).filter(e -> e.option.equals(name)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown engine '" + value + "'; known: "
                            + Arrays.stream(values()).map(EngineColumn::option).collect(Collectors.joining(","))));
        }
    }
}
