package org.vecnn.backend.nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The real {@link NativeLoader}: checks the platform, loads ND4J's natives (and with them OpenBLAS) by creating
 * a tiny array, and checks one computation. The outcome is kept: a JVM cannot retry a failed native load.
 */
final class Nd4jNatives {
    private static String loaded;
    private static Throwable failure;

    private Nd4jNatives() {
    }

    static synchronized String load() throws Throwable {
        if (loaded == null && failure == null) {
            try {
                loaded = loadOnce();
            } catch (Throwable t) {
                failure = t;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return loaded;
    }

    private static String loadOnce() {
        String os = System.getProperty("os.name", "?");
        String arch = System.getProperty("os.arch", "?");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new UnsupportedOperationException("vecnn-backend-nd4j ships ND4J natives for linux-x86_64 only;"
                    + " this JVM runs on " + os + " " + arch);
        }
        INDArray probe = Nd4j.create(new double[] {1.0, 2.0}, new long[] {2}, DataType.DOUBLE);
        double sum = probe.sumNumber().doubleValue();
        if (sum != 3.0) {
            throw new IllegalStateException("ND4J natives loaded but compute 1 + 2 = " + sum);
        }
        return "ND4J " + nd4jVersion() + " on " + Nd4j.getBackend().getClass().getSimpleName()
                + ", BLAS vendor " + Nd4j.factory().blas().getBlasVendor() + ", " + Nd4jThreads.fromSystemProperties()
                + ", " + OffHeapBudget.fromSystemProperties();
    }

    /** The version in nd4j-api's Maven metadata (its jar manifest has none), or "(version unknown)". */
    private static String nd4jVersion() {
        Properties properties = new Properties();
        try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "(version unknown)";
        }
        return properties.getProperty("version", "(version unknown)");
    }
}
