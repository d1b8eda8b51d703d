package org.cnnserve.registry;

import java.util.List;
import org.cnnserve.architectures.InputShape;

/**
 * What the API reports of one model: its config and the state of each loaded version.
 * {@code state} and {@code reason} are those of the default (highest loaded) version, or of the
 * model folder itself when it could not be read.
 */
public record ModelStatus(String name, ModelState state, String reason, String description, String architecture,
                          InputShape input, int classes, Integer defaultVersion, List<VersionStatus> versions) {
}
