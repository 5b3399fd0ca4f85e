package org.vecnn.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a benchmark ran on, for its tables and JSON: the CPU's model name, the vector instructions this JVM uses
 * (its {@code UseAVX}, which {@code -XX:UseAVX=2} lowers on an AVX-512 machine), the JDK and the processors. A
 * figure without them cannot be compared with another machine's.
 *
 * @param cpu        the CPU's model name, as {@code lscpu} prints it
 * @param isa        the vector instructions the JVM uses: {@code AVX-512}, {@code AVX2}, ... or the architecture
 * @param useAvx     the JVM's {@code UseAVX}, or -1 where it has none
 * @param jdk        the JDK's version
 * @param processors the processors the JVM sees
 */
record MachineFacts(String cpu, String isa, int useAvx, String jdk, int processors) {

    /** This JVM and machine. */
    static MachineFacts current() {
        int useAvx = readUseAvx();
        String arch = System.getProperty("os.arch", "?");
        String isa = switch (useAvx) {
            case 3 -> "AVX-512";
            case 2 -> "AVX2";
            case 1 -> "AVX";
            case 0 -> "SSE";
            default -> arch;
        };
        return new MachineFacts(cpuModel(), isa, useAvx, Runtime.version().toString(),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * Whether NumPy should run on OpenBLAS's AVX2 (Haswell) kernels to compare like with like: this JVM is limited
     * to AVX2 on a machine whose CPU has AVX-512.
     */
    boolean limitedToAvx2() {
        return useAvx == 2 && cpuFlags().contains(" avx512f");
    }

    /** One line: {@code AMD EPYC 9R14, JVM 17.0.15 on AVX-512 vectors, 2 processors}. */
    String describe() {
        return String.format(Locale.ROOT, "%s, JDK %s with %s vectors, %d processors", cpu, jdk, isa, processors);
    }

    private static int readUseAvx() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(bean.getVMOption("UseAVX").getValue());
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    private static String cpuModel() {
        for (String line : cpuinfo()) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch", "unknown CPU");
    }

    private static String cpuFlags() {
        for (String line : cpuinfo()) {
            if (line.startsWith("flags")) {
                return line + " ";
            }
        }
        return "";
    }

    private static java.util.List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return java.util.List.of();
        }
    }
}
