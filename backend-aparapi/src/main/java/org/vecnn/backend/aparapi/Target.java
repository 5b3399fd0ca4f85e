package org.vecnn.backend.aparapi;

import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;

/**
 * Where the kernels run: an OpenCL device, or Aparapi's Java thread pool when the user asked for it
 * explicitly. Knows the work-group sizes that fit the device and how to build launch ranges for it.
 */
final class Target {
    private final Device device;
    private final String description;
    private final int tile;
    private final int groupSize;

    private Target(Device device, String description, int maxGroupSize) {
        this.device = device;
        this.description = description;
        int tileEdge = 16;
        while (tileEdge > 1 && tileEdge * tileEdge > maxGroupSize) {
            tileEdge /= 2;
        }
        this.tile = tileEdge;
        this.groupSize = Integer.highestOneBit(Math.max(1, Math.min(256, maxGroupSize)));
    }

    /** An OpenCL device. */
    static Target openCL(OpenCLDevice device, String description) {
        return new Target(device, description, device.getMaxWorkGroupSize());
    }

    /**
     * Aparapi's Java thread pool (JTP): every work-item is a Java thread, so the groups are kept small.
     * Only ever chosen because the user asked for it.
     */
    static Target javaThreads(String description) {
        return new Target(JavaDevice.THREAD_POOL, description, 16);
    }

    /** The same device with work-groups of at most {@code maxGroupSize} items (a kernel may allow fewer than its device). */
    Target limitedTo(int maxGroupSize) {
        return new Target(device, description, Math.min(maxGroupSize, tile * tile));
    }

    Device device() {
        return device;
    }

    boolean isOpenCL() {
        return device instanceof OpenCLDevice;
    }

    /** In words, for {@code capabilities().device()} and the backend report. */
    String description() {
        return description;
    }

    /** The matmul tile edge: work-groups of {@code tile x tile} items. */
    int tile() {
        return tile;
    }

    /** The work-group size of reductions and elementwise launches, a power of two. */
    int groupSize() {
        return groupSize;
    }

    /** The largest buffer the device allocates, in bytes. */
    long maxAllocationBytes() {
        return isOpenCL() ? ((OpenCLDevice) device).getMaxMemAllocSize() : Long.MAX_VALUE;
    }

    Range range1D(int global, int local) {
        return device.createRange(global, local);
    }

    Range range3D(int global0, int global1, int global2, int local0, int local1, int local2) {
        return device.createRange3D(global0, global1, global2, local0, local1, local2);
    }

    @Override
    public String toString() {
        return description;
    }
}
