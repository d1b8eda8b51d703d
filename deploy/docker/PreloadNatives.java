import org.nd4j.linalg.factory.Nd4j;

/**
 * Run once while the image is built (a single-file source program, so the service's jar is not
 * involved): creating one array starts ND4J's CPU backend, which makes JavaCPP unpack the native
 * libraries of nd4j-native, OpenBLAS and JavaCPP itself (about 400 MB) into
 * {@code -Dorg.bytedeco.javacpp.cachedir}, from where the Dockerfile copies them into the image.
 *
 * <p>Otherwise every container start would unpack them again: seconds of start-up, and JavaCPP only
 * uses a cache directory it can write to, which with a read-only root file system leaves a tmpfs
 * on /tmp, holding the 400 MB in memory (and Docker mounts that tmpfs noexec, so the libraries
 * would not even load from there).
 */
class PreloadNatives {

    public static void main(String[] args) {
        System.out.println("ND4J backend " + Nd4j.getBackend().getClass().getSimpleName() + " loaded: "
                + Nd4j.create(new float[] {1, 2, 3}).sumNumber() + " = 6");
    }
}
