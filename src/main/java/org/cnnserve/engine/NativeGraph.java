package org.cnnserve.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network compiled by {@link NativeCompiler}: its steps in an order where every step's inputs
 * come before it. Each intermediate array is closed as soon as the last step that reads it has run,
 * so a forward pass holds only the arrays still to be read (not all of them until the end, and not
 * until the garbage collector finds them). Immutable and thread-safe; the steps keep no state.
 */
public final class NativeGraph {

    /** Told how long each step of a forward pass took, for a per-layer profile. */
    @FunctionalInterface
    public interface StepTimer {
        void ran(String node, long nanos);
    }

    /** A step and the names of the vertices it reads; {@code inputs} name the network input or earlier nodes. */
    record Node(String name, List<String> inputs, Step step) {
    }

    private final String input;
    private final List<Node> nodes;
    private final String output;
    /** For node i, the values no step after it reads. */
    private final List<List<String>> deadAfter;

    NativeGraph(String input, List<Node> nodes, String output) {
        this.input = input;
        this.nodes = List.copyOf(nodes);
        this.output = output;
        Map<String, Integer> lastRead = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) {
                lastRead.put(in, i);
            }
        }
        List<List<String>> dead = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            dead.add(new ArrayList<>());
        }
        lastRead.forEach((name, i) -> {
            if (!name.equals(output)) {
                dead.get(i).add(name);
            }
        });
        this.deadAfter = dead.stream().map(List::copyOf).toList();
    }

    /**
     * @param nhwc a batch of images, channels last; the caller keeps it
     * @return the network's output for the batch, one row per image; the caller owns it
     */
    public INDArray output(INDArray nhwc) {
        return output(nhwc, null);
    }

    /** As {@link #output(INDArray)}, telling {@code timer} (if not null) each step's time. */
    public INDArray output(INDArray nhwc, StepTimer timer) {
        Map<String, INDArray> values = new HashMap<>();
        // Steps that change nothing (dropout, a folded BatchNorm) return their input, so one array
        // can be the value of several names: it is closed when the last of them is dead.
        Map<INDArray, Integer> names = new IdentityHashMap<>();
        values.put(input, nhwc);
        names.put(nhwc, 1);
        try {
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                INDArray[] in = new INDArray[node.inputs().size()];
                for (int k = 0; k < in.length; k++) {
                    in[k] = values.get(node.inputs().get(k));
                }
                long begun = timer == null ? 0 : System.nanoTime();
                INDArray out = node.step().apply(in);
                if (timer != null) {
                    timer.ran(node.name(), System.nanoTime() - begun);
                }
                values.put(node.name(), out);
                names.merge(out, 1, Integer::sum);
                for (String name : deadAfter.get(i)) {
                    release(values.remove(name), names, nhwc);
                }
            }
            INDArray result = values.remove(output);
            names.remove(result);
            return result;
        } finally {
            for (INDArray left : values.values()) {
                release(left, names, nhwc);
            }
        }
    }

    private static void release(INDArray array, Map<INDArray, Integer> names, INDArray caller) {
        if (array == null || names.merge(array, -1, Integer::sum) > 0) {
            return;
        }
        names.remove(array);
        if (array != caller && array.closeable()) {
            array.close();
        }
    }

    /** How many steps the network runs. */
    public int steps() {
        return nodes.size();
    }
}
