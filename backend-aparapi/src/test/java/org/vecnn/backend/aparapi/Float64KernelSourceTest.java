package org.vecnn.backend.aparapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Float64KernelSourceTest {

    /** The build generates the FLOAT64 kernel from the FLOAT32 one: same shape, double elements. */
    @Test
    void float64KernelIsTheFloat32KernelWithDoubleElements() {
        for (java.lang.reflect.Field f : Float32Kernel.class.getDeclaredFields()) {
            if (f.isSynthetic()) {
                continue;
            }
            java.lang.reflect.Field twin;
            try {
                twin = Float64Kernel.class.getDeclaredField(f.getName());
            } catch (NoSuchFieldException e) {
                throw new AssertionError("Float64Kernel lacks field " + f.getName(), e);
            }
            String want = f.getType().getName().replace("float", "double").replace("[F", "[D");
            assertThat(twin.getType().getName()).as(f.getName()).isEqualTo(want);
        }
        assertThat(Float64Kernel.class.getDeclaredMethods()).hasSameSizeAs(Float32Kernel.class.getDeclaredMethods());
    }

    /**
     * Aparapi reads every constant-pool slot of a kernel class through bcel, which (since 6.6) refuses the unused
     * slot after a CONSTANT_Double or CONSTANT_Long: one such literal makes the kernel fail to compile.
     */
    @Test
    void kernelClassesHaveNoEightByteConstants() throws IOException {
        for (Class<?> kernel : List.of(Float32Kernel.class, Float64Kernel.class)) {
            assertThat(eightByteConstants(kernel)).as(kernel.getSimpleName()).isEmpty();
        }
    }

    private static List<Integer> eightByteConstants(Class<?> type) throws IOException {
        List<Integer> found = new ArrayList<>();
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class");
             DataInputStream data = new DataInputStream(in)) {
            data.readInt();
            data.readUnsignedShort();
            data.readUnsignedShort();
            int count = data.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1: data.skipBytes(data.readUnsignedShort()); break;
                    case 3: case 4: data.skipBytes(4); break;
                    case 5: case 6: found.add(i); data.skipBytes(8); i++; break;
                    case 7: case 8: case 16: case 19: case 20: data.skipBytes(2); break;
                    case 9: case 10: case 11: case 12: case 17: case 18: data.skipBytes(4); break;
                    case 15: data.skipBytes(3); break;
                    default: throw new IOException("unknown constant tag " + tag + " at " + i);
                }
            }
        }
        return found;
    }
}
