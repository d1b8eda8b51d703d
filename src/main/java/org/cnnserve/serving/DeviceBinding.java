package org.cnnserve.serving;

/**
 * Attaches a replica worker's thread to the device its replica runs on, before the replica is built
 * there. The numeric backend keeps the current device, and on a CPU the native thread count, per
 * thread, so only the worker's own thread can set them; the engine, which knows the backend,
 * implements this, and the workers stay free of it.
 */
@FunctionalInterface
public interface DeviceBinding {

    /**
     * Binds the calling thread to {@code device} (on a CPU, to the replica's share of the cores).
     * Called on the worker's thread before each build of its replica.
     *
     * @throws RuntimeException with the reason, when the backend cannot run on {@code device}
     */
    void bindCallingThread(Device device);
}
