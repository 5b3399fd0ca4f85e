package org.vecnn.backend.vector;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;

/**
 * What this JVM on this machine offers the vector kernels, read once at start-up: the vector width the JVM
 * compiles to, the vector registers it may use (32 with AVX-512's EVEX encodings or on AArch64, 16 with AVX2,
 * AVX or SSE), and the caches the blocking is cut for. From these come the micro-kernel of each element type and
 * its depth block; {@code vecnn backends} prints the choice.
 *
 * <p>The registers come from the JVM's own {@code UseAVX} flag (through {@code HotSpotDiagnosticMXBean}), which
 * {@code -XX:UseAVX=2} lowers on an AVX-512 machine, else from the CPU's flags in {@code /proc/cpuinfo}, else 16
 * (a kernel for 16 registers only runs slower where there are 32; one for 32 spills where there are 16). The
 * caches come from sysfs, else 32 KB of L1 data and 1 MB of L2. The system properties {@value #KERNEL_PROPERTY}
 * (a kernel name such as {@code 4x2}) and {@value #DEPTH_PROPERTY} override the choice, for experiments.
 *
 * @param isa         the instruction set the JVM uses for vectors, in words (e.g. {@code AVX-512}, {@code AVX2})
 * @param vectorBits  the width of the JVM's preferred vectors
 * @param registers   the vector registers the JVM may use
 * @param l1dBytes    the L1 data cache of one core
 * @param l2Bytes     the L2 cache of one core
 * @param cacheSource where the cache sizes came from
 */
record VectorMachine(String isa, int vectorBits, int registers, long l1dBytes, long l2Bytes, String cacheSource) {
    /** Overrides the micro-kernel of both element types, e.g. {@code -Dvecnn.vector.kernel=4x2}. */
    static final String KERNEL_PROPERTY = "vecnn.vector.kernel";
    /** Overrides the depth of a cache block, in terms. */
    static final String DEPTH_PROPERTY = "vecnn.vector.kc";

    /** This JVM and machine. */
    static final VectorMachine CURRENT = detect();

    /**
     * The register block of the micro-kernel for elements of {@code bytes} bytes, as rows x vectors: one that keeps
     * its accumulators, one row of B and a broadcast of A in registers. With 32 registers: 8 x 2 for float32
     * (16 accumulators), 6 x 4 for float64 (24); with 16: 4 x 2 for both (8 accumulators, 2 loads, 1 broadcast).
     * BLIS's Haswell block, 6 x 2 (15 registers), was as fast on JDK 17 but ran at half speed on JDK 25, whose C2
     * spills it (docs/performance.md); 4 x 2 leaves room on both, so 6 x 2 is not kept.
     */
    String kernel(int bytes) {
        String override = System.getProperty(KERNEL_PROPERTY);
        if (override != null && !override.isBlank()) {
            return override.trim();
        }
        if (registers >= 32) {
            return bytes == 4 ? "8x2" : "6x4";
        }
        return "4x2";
    }

    /**
     * The depth of a cache block for a panel of B {@code panelBytes} wide (NR elements): the panel ({@code depth x
     * panelBytes}) fills two thirds of the L1 data cache, leaving the rest to the A tile and C; a multiple of 16
     * from 64 to 512. 48 KB of L1 gives 256 terms for float32's 8 x 2 AVX-512 block and 128 for float64's 6 x 4.
     */
    int depth(int panelBytes) {
        Integer override = Integer.getInteger(DEPTH_PROPERTY);
        if (override != null && override >= 16) {
            return override / 16 * 16;
        }
        long fits = l1dBytes * 2 / 3 / panelBytes;
        return (int) Math.max(64, Math.min(512, fits / 16 * 16));
    }

    /** One line for reports: e.g. {@code AVX-512, 512-bit vectors, 32 registers, L1d 32 KB, L2 1024 KB (sysfs)}. */
    String describe() {
        return String.format(Locale.ROOT, "%s, %d-bit vectors, %d registers, L1d %d KB, L2 %d KB (%s)", isa, vectorBits,
                registers, l1dBytes >> 10, l2Bytes >> 10, cacheSource);
    }

    private static VectorMachine detect() {
        int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String isa;
        int registers;
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            int useAvx = useAvx();
            if (useAvx < 0) {
                useAvx = cpuFlags().contains(" avx512f") ? 3 : cpuFlags().contains(" avx2") ? 2 : -1;
            }
            isa = switch (useAvx) {
                case 3 -> "AVX-512";
                case 2 -> "AVX2";
                case 1 -> "AVX";
                case 0 -> "SSE";
                default -> "x86 (unknown vector extensions)";
            };
            registers = useAvx >= 3 ? 32 : 16;
        } else if (arch.equals("aarch64")) {
            isa = bits > 128 ? "SVE" : "NEON";
            registers = 32;
        } else {
            isa = arch + " (unknown vector extensions)";
            registers = 16;
        }
        long[] caches = sysfsCaches();
        boolean found = caches[0] > 0 && caches[1] > 0;
        return new VectorMachine(isa, bits, registers, found ? caches[0] : 32 << 10, found ? caches[1] : 1 << 20,
                found ? "sysfs" : "defaults, sysfs unreadable");
    }

    /** The JVM's {@code UseAVX}, or -1 where it has none or cannot say. */
    private static int useAvx() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(bean.getVMOption("UseAVX").getValue());
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    private static String cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return line + " ";
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc here: no flags known
        }
        return "";
    }

    /** {L1 data, L2} bytes of cpu0 from sysfs; zeros where unreadable. */
    private static long[] sysfsCaches() {
        long[] sizes = new long[2];
        for (int index = 0; index < 8; index++) {
            Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache/index" + index);
            try {
                int level = Integer.parseInt(Files.readString(dir.resolve("level")).trim());
                String type = Files.readString(dir.resolve("type")).trim();
                long size = parseSize(Files.readString(dir.resolve("size")).trim());
                if (level == 1 && type.equals("Data")) {
                    sizes[0] = size;
                } else if (level == 2 && !type.equals("Instruction")) {
                    sizes[1] = size;
                }
            } catch (IOException | RuntimeException e) {
                // no such index, or unreadable: keep what was found
            }
        }
        return sizes;
    }

    /** {@code 32K}, {@code 1024K}, {@code 2M} or plain bytes. */
    static long parseSize(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        long unit = t.endsWith("K") ? 1 << 10 : t.endsWith("M") ? 1 << 20 : 1;
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        return Long.parseLong(digits.trim()) * unit;
    }
}
