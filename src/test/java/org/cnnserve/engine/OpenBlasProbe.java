package org.cnnserve.engine;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run in a JVM of its own by {@link OpenBlasCoreTests}, since OpenBLAS reads OPENBLAS_CORETYPE only
 * when it loads: ND4J's sgemm on random matrices of awkward and blocked shapes against a
 * double-precision product computed here. Prints {@code core=<kernels OpenBLAS runs>} and
 * {@code error=<largest error relative to the largest product entry>}.
 */
public final class OpenBlasProbe {

    private static final int[][] SHAPES = {{1, 1, 1}, {7, 13, 5}, {64, 64, 64}, {129, 300, 77}, {513, 257, 129},
            {1000, 31, 2048}, {8, 4096, 1024}};

    public static void main(String[] args) {
        Random random = new Random(7);
        double worst = 0;
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            float[] a = uniform(random, m * k);
            float[] b = uniform(random, k * n);
            INDArray product = Nd4j.gemm(Nd4j.create(a, new long[] {m, k}, 'c'), Nd4j.create(b, new long[] {k, n}, 'c'),
                    false, false);
            float[] c = product.castTo(DataType.FLOAT).dup('c').data().asFloat();
            double largest = 0;
            double error = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double exact = 0;
                    for (int p = 0; p < k; p++) {
                        exact += (double) a[i * k + p] * b[p * n + j];
                    }
                    largest = Math.max(largest, Math.abs(exact));
                    error = Math.max(error, Math.abs(exact - c[i * n + j]));
                }
            }
            worst = Math.max(worst, error / Math.max(largest, 1e-30));
        }
        System.out.println("core=" + OpenBlasCore.running().orElse("(unknown)"));
        System.out.println("error=" + worst);
    }

    private static float[] uniform(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }
}
