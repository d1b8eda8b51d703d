package org.cnnserve.architectures;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The architectures this service can build, by name. */
public final class ArchitectureCatalog {

    private final Map<String, Architecture> byName = new LinkedHashMap<>();

    private ArchitectureCatalog(Architecture... architectures) {
        for (Architecture a : architectures) {
            if (byName.putIfAbsent(a.name(), a) != null) {
                throw new IllegalArgumentException("architecture names must be unique, '" + a.name() + "' twice");
            }
        }
    }

    /** A catalogue of just these, for tests and tools. */
    static ArchitectureCatalog of(Architecture... architectures) {
        return new ArchitectureCatalog(architectures);
    }

    /** Every architecture the service ships. */
    public static ArchitectureCatalog standard() {
        return new ArchitectureCatalog(
                new LeNet5(),
                new AlexNet2012(),
                new AlexNet(),
                new ZFNet(),
                new Vgg("vgg16", 2, 2, 3, 3, 3),
                new Vgg("vgg19", 2, 2, 4, 4, 4),
                new GoogLeNet(),
                new ResNet("resnet18", ResNet.Block.BASIC, 1, 64, 2, 2, 2, 2),
                new ResNet("resnet34", ResNet.Block.BASIC, 1, 64, 3, 4, 6, 3),
                new ResNet("resnet50", 3, 4, 6, 3),
                new ResNet("resnet101", 3, 4, 23, 3),
                new ResNet("resnet152", 3, 8, 36, 3),
                new NetworkInNetwork(),
                new ResNet("wide_resnet50_2", ResNet.Block.BOTTLENECK, 1, 128, 3, 4, 6, 3),
                new ResNet("resnext50_32x4d", ResNet.Block.BOTTLENECK, 32, 4, 3, 4, 6, 3),
                new DenseNet("densenet121", 64, 32, 6, 12, 24, 16),
                SqueezeNet.v10(),
                SqueezeNet.v11(),
                new SmallVgg(),
                new SmallResNet(),
                new SmallInception(),
                new SmallSqueezeNet(),
                new SmallNin());
    }

    public Optional<Architecture> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Like {@link #find} but fails with a message that lists the known names. */
    public Architecture require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown architecture '" + name + "'; known: " + String.join(", ", byName.keySet())));
    }

    public Collection<Architecture> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
