package org.cnnserve.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.springframework.stereotype.Component;

/**
 * Memory outside the JVM heap, where ND4J keeps every array: what JavaCPP counts, the process's
 * resident set (the figure JavaCPP's limit applies to) and that limit; with the CUDA backend, each
 * GPU's used and total memory. The JVM's own pools are Micrometer's {@code jvm_memory_*} meters.
 */
@Component
class ProcessMemoryMeters implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("cnnserve.offheap.bytes", Pointer::totalBytes)
                .description("Off-heap bytes JavaCPP tracks (ND4J's CPU arrays are allocated without its count; "
                        + "see cnnserve_offheap_physical_bytes)").register(meters);
        Gauge.builder("cnnserve.offheap.physical.bytes", Pointer::physicalBytes)
                .description("Resident memory of the process: heap, off-heap arrays and native code").register(meters);
        Gauge.builder("cnnserve.offheap.max.bytes", Pointer::maxPhysicalBytes)
                .description("Resident memory at which JavaCPP refuses new allocations (0: no limit)").register(meters);
        if (!Nd4j.getEnvironment().isCPU()) {
            bindGpus(meters);
        }
    }

    private static void bindGpus(MeterRegistry meters) {
        var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int gpus = Nd4j.getAffinityManager().getNumberOfDevices();
        for (int gpu = 0; gpu < gpus; gpu++) {
            int device = gpu;
            Tags tags = Tags.of("gpu", Integer.toString(gpu));
            Gauge.builder("cnnserve.gpu.memory.total.bytes", () -> ops.getDeviceTotalMemory(device))
                    .description("GPU memory in all").tags(tags).register(meters);
            Gauge.builder("cnnserve.gpu.memory.used.bytes",
                            () -> ops.getDeviceTotalMemory(device) - ops.getDeviceFreeMemory(device))
                    .description("GPU memory in use by any process").tags(tags).register(meters);
        }
    }
}
