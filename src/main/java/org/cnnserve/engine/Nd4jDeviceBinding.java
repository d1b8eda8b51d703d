package org.cnnserve.engine;

import org.cnnserve.serving.Device;
import org.cnnserve.serving.DeviceBinding;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binds a replica worker's thread through ND4J: a GPU worker to its CUDA device, so that the replica's
 * arrays live there; a CPU worker to the OpenMP thread count its replica's share of the cores allows
 * ({@link NativeThreads#applyToCallingThread()}).
 */
public final class Nd4jDeviceBinding implements DeviceBinding {

    @Override
    public void bindCallingThread(Device device) {
        if (device.isGpu()) {
            int devices = Nd4j.getAffinityManager().getNumberOfDevices();
            if (device.gpu() >= devices || !Nd4j.getBackend().getClass().getName().contains("Cuda")) {
                throw new IllegalStateException(device + " requested but the ND4J backend "
                        + Nd4j.getBackend().getClass().getSimpleName() + " has " + devices
                        + " device(s); GPUs need the cuda build (-Pcuda)");
            }
            Nd4j.getAffinityManager().unsafeSetDevice(device.gpu());
        } else {
            NativeThreads.applyToCallingThread();
        }
    }
}
