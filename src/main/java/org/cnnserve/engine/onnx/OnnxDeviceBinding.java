package org.cnnserve.engine.onnx;

import org.cnnserve.serving.Device;
import org.cnnserve.serving.DeviceBinding;

/**
 * Binds an onnx replica's worker: nothing to do per thread (ONNX Runtime takes its thread count and
 * device from the session's options), but a GPU is refused at once, with the reason, when this build's
 * ONNX Runtime has no CUDA execution provider.
 */
public final class OnnxDeviceBinding implements DeviceBinding {

    @Override
    public void bindCallingThread(Device device) {
        if (device.isGpu()) {
            requireCuda(device);
        }
    }

    static void requireCuda(Device device) {
        if (!OnnxModel.cudaAvailable()) {
            throw new OnnxModelException(device + " requested for an onnx model, but this build's ONNX Runtime"
                    + " has no CUDA execution provider; GPUs need the cuda build (-Pcuda, onnxruntime_gpu) and"
                    + " CUDA 12 with cuDNN 9 on the host");
        }
    }
}
