package org.cnnserve.web;

/**
 * A request about an architecture names one the catalogue lacks, or gives an input shape or class
 * count that cannot be read; {@link #type()} says which (404 or 400). An input the architecture
 * cannot be built for is the architectures feature's own {@code ImpossibleInputShapeException}.
 */
class ArchitectureRequestException extends RuntimeException {

    private final ProblemType type;

    ArchitectureRequestException(ProblemType type, String message) {
        super(message);
        this.type = type;
    }

    ProblemType type() {
        return type;
    }
}
