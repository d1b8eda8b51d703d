package org.cnnserve.engine;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Tests load the same libnd4j build, and OpenBLAS the same kernels, as the service does: both chosen
 * before the first test touches ND4J.
 */
public final class NativeLibrariesSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeLibraries.select();
        OpenBlasCore.select();
    }
}
