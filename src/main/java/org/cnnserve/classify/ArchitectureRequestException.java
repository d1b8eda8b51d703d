package org.cnnserve.classify;

/**
 * A request about an architecture names one the catalogue lacks, or asks for an input shape or
 * class count it cannot be built for; {@link #type()} says which (404, 400 or 422).
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
