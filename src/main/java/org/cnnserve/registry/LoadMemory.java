package org.cnnserve.registry;

/**
 * The process's resident memory (RSS) just before a model version's replicas started loading and
 * just after the last of them finished its warm-up pass. ND4J's CPU backend allocates its arrays
 * natively without a counter of its own, so the growth of the resident set is the measure of what a
 * load cost; loads run one at a time so that one version's growth is not another's.
 */
public record LoadMemory(long residentBytesBefore, long residentBytesAfter) {

    /** The growth across the load; negative when the JVM returned more memory than the load took. */
    public long growthBytes() {
        return residentBytesAfter - residentBytesBefore;
    }
}
