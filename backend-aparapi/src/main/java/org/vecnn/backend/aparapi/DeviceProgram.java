package org.vecnn.backend.aparapi;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.vecnn.DType;
import org.vecnn.TensorArgumentException;

/**
 * One dtype's device memory and kernel: allocates tensors as slices of the arena, moves data in and out
 * explicitly, and launches instructions, each checked to have really run where it was compiled.
 *
 * <p>Thread-safety: Aparapi kernels must not be shared by concurrent threads, and the arena is one device
 * buffer, so every call runs under one lock. A GPU runs one kernel at a time on its queue anyway.
 */
final class DeviceProgram {
    /** Work units per launch: large operations run in several launches so that no global size overflows. */
    static final int CHUNK = 1 << 24;
    /** Arena size (elements) below which it grows without first asking the garbage collector for dead tensors. */
    private static final int GROW_FREELY_BELOW = 1 << 24;
    private static final int INITIAL_CAPACITY = 1 << 20;

    private final ReentrantLock lock = new ReentrantLock();
    private final DType dtype;
    private final Target target;
    private final ArenaKernel arena;
    private final Kernel kernel;
    private final Allocator allocator;
    private final int maxCapacity;
    private final ReferenceQueue<AparapiStorage> unreachable = new ReferenceQueue<>();
    /** The live slices by arena offset. */
    private final Map<Integer, Slice> slices = new HashMap<>();
    private long uploaded;
    private long downloaded;

    private DeviceProgram(DType dtype, Target target, ArenaKernel arena) {
        this.dtype = dtype;
        this.target = target;
        this.arena = arena;
        this.kernel = arena.kernel();
        this.kernel.setExplicit(true);
        this.allocator = new Allocator(arena.capacity());
        int elementBytes = dtype == DType.FLOAT32 ? Float.BYTES : Double.BYTES;
        this.maxCapacity = (int) Math.min(Integer.MAX_VALUE - 64, target.maxAllocationBytes() / elementBytes);
    }

    /**
     * Builds and compiles the kernel of {@code dtype} for {@code target}, shrinking the work-groups if the
     * compiled kernel allows fewer items than the device.
     *
     * @throws UnavailableException if the kernel does not compile for the device (for FLOAT64: no fp64)
     */
    static DeviceProgram compile(DType dtype, Target target) {
        Target fitted = target;
        for (int attempt = 0; attempt < 4; attempt++) {
            ArenaKernel arena = dtype == DType.FLOAT32
                    ? new Float32Kernel(INITIAL_CAPACITY, fitted.tile(), fitted.groupSize())
                    : new Float64Kernel(INITIAL_CAPACITY, fitted.tile(), fitted.groupSize());
            Kernel k = arena.kernel();
            // Without this, Aparapi runs a kernel on its own idea of the best device whatever the range says.
            KernelManager.instance().setPreferredDevices(k, new LinkedHashSet<>(List.of(fitted.device())));
            try {
                k.compile(fitted.device());
                if (fitted.isOpenCL() && !k.isRunningCL()) {
                    throw new UnavailableException("the " + dtype.numpyName() + " kernel compiled, but not for OpenCL on "
                            + fitted.description());
                }
                int allowed = fitted.isOpenCL() ? k.getKernelMaxWorkGroupSize(fitted.device()) : Integer.MAX_VALUE;
                if (allowed >= fitted.tile() * fitted.tile() && allowed >= fitted.groupSize()) {
                    DeviceProgram program = new DeviceProgram(dtype, fitted, arena);
                    program.selfTest();
                    return program;
                }
                fitted = fitted.limitedTo(allowed);
            } catch (CompileFailedException e) {
                throw new UnavailableException("the " + dtype.numpyName() + " kernel does not compile for "
                        + target.description() + ": " + e.getMessage(), e);
            } catch (com.aparapi.exception.QueryFailedException e) {
                throw new UnavailableException("cannot query the " + dtype.numpyName() + " kernel on "
                        + target.description() + ": " + e.getMessage(), e);
            }
        }
        throw new UnavailableException("no work-group size fits the " + dtype.numpyName() + " kernel on " + target.description());
    }

    /** A round trip through the device, so that a device that compiles but cannot run is found at probe time. */
    private void selfTest() {
        int offset = allocateSlice(3);
        try {
            Object data = dtype == DType.FLOAT32 ? new float[] {1.5f, -0.0f, Float.MIN_VALUE}
                    : new double[] {1.5, -0.0, Double.MIN_VALUE};
            writeAt(offset, data, 3);
            Object back = readAt(offset, 3);
            boolean same = dtype == DType.FLOAT32 ? java.util.Arrays.equals((float[]) data, (float[]) back)
                    : java.util.Arrays.equals((double[]) data, (double[]) back);
            if (!same) {
                throw new UnavailableException("a " + dtype.numpyName() + " round trip through " + target.description()
                        + " changed the data");
            }
        } finally {
            allocator.release(offset, (int) Allocator.aligned(3));
        }
    }

    /**
     * Tensor elements moved so far from host to device ({@code [0]}) and back ({@code [1]}), arena growth
     * included; instructions and scalars not counted.
     */
    long[] transfers() {
        lock.lock();
        try {
            return new long[] {uploaded, downloaded};
        } finally {
            lock.unlock();
        }
    }

    DType dtype() {
        return dtype;
    }

    Target target() {
        return target;
    }

    // ---------------------------------------------------------------- storage

    /** The bytes of the largest tensor one buffer of the device holds. */
    long maxTensorBytes() {
        return (long) (maxCapacity - Allocator.ALIGNMENT) * (dtype == DType.FLOAT32 ? Float.BYTES : Double.BYTES);
    }

    String describeTarget() {
        return target.description();
    }

    /** Zero-filled storage of {@code size} elements. */
    AparapiStorage allocate(int size) {
        if (size == 0) {
            return new AparapiStorage(this, 0, 0);
        }
        lock.lock();
        try {
            int offset = allocateSlice(size);
            AparapiStorage storage = new AparapiStorage(this, offset, size);
            slices.put(storage.offset(), new Slice(storage, offset, (int) Allocator.aligned(size), unreachable));
            return storage;
        } finally {
            lock.unlock();
        }
    }

    /** Returns {@code storage}'s slice to the arena now; later calls do nothing. */
    void release(AparapiStorage storage) {
        if (storage.size() == 0) {
            return;
        }
        lock.lock();
        try {
            Slice slice = slices.get(storage.offset());
            if (slice != null && slice.refersTo(storage)) {
                slice.clear();
                release(slice);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A zero-filled slice of at least {@code size} elements: dead tensors' slices first, then a larger arena. */
    private int allocateSlice(int size) {
        long aligned = Allocator.aligned(size);
        if (aligned > maxCapacity) {
            throw new TensorArgumentException("aparapi: a tensor of " + size + " " + dtype.numpyName()
                    + " elements does not fit in one buffer of " + target.description() + " (at most " + maxCapacity
                    + " elements)");
        }
        int length = (int) aligned;
        releaseUnreachable();
        int offset = allocator.allocate(length);
        if (offset < 0 && allocator.capacity() >= GROW_FREELY_BELOW) {
            System.gc();
            awaitUnreachable();
            offset = allocator.allocate(length);
        }
        if (offset < 0) {
            long wanted = Math.max(2L * allocator.capacity(), (long) allocator.capacity() + length);
            int capacity = (int) Math.min(wanted, maxCapacity);
            if (capacity - allocator.capacity() + (long) allocator.largestFree() < length) {
                throw outOfMemory(size);
            }
            downloaded += allocator.capacity();
            uploaded += capacity;
            arena.grow(capacity);
            allocator.grow(capacity);
            offset = allocator.allocate(length);
            // Growth joins only the free block at the end of the arena; a larger free block in the middle
            // let the check above pass without making room, so the allocation can still fail here.
            if (offset < 0) {
                throw outOfMemory(size);
            }
        }
        fillAt(offset, size, 0.0);
        return offset;
    }

    private TensorArgumentException outOfMemory(int size) {
        return new TensorArgumentException("aparapi: out of device memory on " + target.description() + ": "
                + size + " " + dtype.numpyName() + " elements wanted, " + allocator.freeElements()
                + " free of at most " + maxCapacity);
    }

    private void releaseUnreachable() {
        Reference<? extends AparapiStorage> ref;
        while ((ref = unreachable.poll()) != null) {
            release((Slice) ref);
        }
    }

    private void awaitUnreachable() {
        try {
            Reference<? extends AparapiStorage> ref = unreachable.remove(100);
            if (ref != null) {
                release((Slice) ref);
                releaseUnreachable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release(Slice slice) {
        if (slices.remove(slice.offset, slice)) {
            allocator.release(slice.offset, slice.length);
        }
    }

    /** Copies {@code data} (a {@code float[]} or {@code double[]} of {@code t}'s size) into {@code t}. */
    void write(AparapiStorage t, Object data) {
        if (t.size() == 0) {
            return;
        }
        lock.lock();
        try {
            writeAt(t.offset(), data, t.size());
        } finally {
            lock.unlock();
            Reference.reachabilityFence(t);
        }
    }

    private void writeAt(int offset, Object data, int size) {
        uploaded += size;
        arena.upload(data);
        int[] ints = new int[Ops.ARGS];
        ints[Ops.OP] = Ops.COPY_IN;
        ints[Ops.OUT] = offset;
        elementwise(ints, size, 0.0);
    }

    /** A new {@code float[]} or {@code double[]} with {@code t}'s elements. */
    Object read(AparapiStorage t) {
        if (t.size() == 0) {
            return dtype == DType.FLOAT32 ? new float[0] : new double[0];
        }
        lock.lock();
        try {
            return readAt(t.offset(), t.size());
        } finally {
            lock.unlock();
            Reference.reachabilityFence(t);
        }
    }

    /** Element {@code index} of {@code t}, copying only that element. */
    double readElement(AparapiStorage t, int index) {
        lock.lock();
        try {
            Object one = readAt(t.offset() + index, 1);
            return dtype == DType.FLOAT32 ? ((float[]) one)[0] : ((double[]) one)[0];
        } finally {
            lock.unlock();
            Reference.reachabilityFence(t);
        }
    }

    private Object readAt(int offset, int size) {
        downloaded += size;
        arena.prepareDownload(size);
        int[] ints = new int[Ops.ARGS];
        ints[Ops.OP] = Ops.COPY_OUT;
        ints[Ops.A] = offset;
        elementwise(ints, size, 0.0);
        return arena.download();
    }

    private void fillAt(int offset, int size, double value) {
        int[] ints = new int[Ops.ARGS];
        ints[Ops.OP] = Ops.FILL;
        ints[Ops.OUT] = offset;
        elementwise(ints, size, value);
    }

    // ---------------------------------------------------------------- launches

    /**
     * Runs an elementwise instruction over {@code size} elements with {@code scalar}; the tensors it reads or
     * writes are passed so they stay reachable (their slices allocated) until it has run.
     */
    void elementwise(int[] ints, int size, double scalar, AparapiStorage... operands) {
        lock.lock();
        try {
            ints[Ops.SIZE] = size;
            arena.scalar(scalar);
            int group = target.groupSize();
            for (int first = 0; first < size; first += CHUNK) {
                int units = Math.min(CHUNK, size - first);
                ints[Ops.FIRST] = first;
                arena.instruction(ints);
                launch(target.range1D(roundUp(units, group), group), ints);
            }
        } finally {
            lock.unlock();
            Reference.reachabilityFence(operands);
        }
    }

    /**
     * Runs a reduction: with one work-item per output when the reduced axis has a large stride (coalesced
     * reads), else with one work-group per output.
     */
    void reduce(int[] ints, int outputs, AparapiStorage... operands) {
        if (ints[Ops.MODE] != Ops.DOT && ints[Ops.INNER] >= Ops.COLUMNS_FROM) {
            ints[Ops.OP] = Ops.REDUCE_COLUMNS;
            elementwise(ints, outputs, 0.0, operands);
            return;
        }
        lock.lock();
        try {
            ints[Ops.OP] = Ops.REDUCE;
            ints[Ops.SIZE] = outputs;
            int group = target.groupSize();
            int groupsPerLaunch = CHUNK / group;
            for (int first = 0; first < outputs; first += groupsPerLaunch) {
                int units = Math.min(groupsPerLaunch, outputs - first);
                ints[Ops.FIRST] = first;
                arena.instruction(ints);
                launch(target.range1D(units * group, group), ints);
            }
        } finally {
            lock.unlock();
            Reference.reachabilityFence(operands);
        }
    }

    /** Runs a REDUCE instruction in ARGMAX mode and returns the indices. */
    int[] argmax(int[] ints, int outputs, AparapiStorage operand) {
        lock.lock();
        try {
            arena.prepareIndices(outputs);
            ints[Ops.MODE] = Ops.ARGMAX;
            reduce(ints, outputs, operand);
            return arena.indices();
        } finally {
            lock.unlock();
        }
    }

    /** Runs a MATMUL instruction: one work-item per result element, in tiles. */
    void matmul(int[] ints, AparapiStorage... operands) {
        lock.lock();
        try {
            ints[Ops.OP] = Ops.MATMUL;
            int t = target.tile();
            arena.instruction(ints);
            launch(target.range3D(roundUp(ints[Ops.N], t), roundUp(ints[Ops.M], t), ints[Ops.BATCHES], t, t, 1), ints);
        } finally {
            lock.unlock();
            Reference.reachabilityFence(operands);
        }
    }

    private void launch(Range range, int[] ints) {
        kernel.execute(range);
        boolean onTarget = target.isOpenCL()
                ? kernel.isRunningCL() && target.device().equals(kernel.getTargetDevice())
                : !kernel.isRunningCL();
        if (!onTarget) {
            throw new IllegalStateException("aparapi: operation " + ints[Ops.OP] + " ran on " + kernel.getTargetDevice()
                    + " instead of " + target.description() + " (Aparapi fell back; see its log above). The "
                    + dtype.numpyName() + " device memory of this backend is no longer usable.");
        }
    }

    private static int roundUp(int value, int multiple) {
        return (int) (((long) value + multiple - 1) / multiple * multiple);
    }

    /** An arena slice, released when its tensor becomes unreachable. */
    private static final class Slice extends PhantomReference<AparapiStorage> {
        final int offset;
        final int length;

        Slice(AparapiStorage tensor, int offset, int length, ReferenceQueue<AparapiStorage> queue) {
            super(tensor, queue);
            this.offset = offset;
            this.length = length;
        }
    }
}
