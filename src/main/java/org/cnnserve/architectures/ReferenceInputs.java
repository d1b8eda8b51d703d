package org.cnnserve.architectures;

/**
 * The input size each architecture was published for, which the analysis uses unless asked for
 * another: 227x227x3 for the original AlexNet (whose arithmetic, (227-11)/4+1 = 55, needs it),
 * 28x28x1 for LeNet-5 and the {@code *_small} networks as this service trains them on
 * Fashion-MNIST, and ImageNet's 224x224x3 for every other network. Decided by name so that architectures registered later need no change here.
 */
public final class ReferenceInputs {

    private ReferenceInputs() {
    }

    public static InputShape of(Architecture architecture) {
        String name = architecture.name();
        if (name.startsWith("alexnet2012")) {
            return new InputShape(227, 227, 3);
        }
        if (name.startsWith("lenet") || name.endsWith("_small")) {
            return new InputShape(28, 28, 1);
        }
        return new InputShape(224, 224, 3);
    }
}
