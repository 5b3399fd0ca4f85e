package org.vecnn.backend.aparapi;

import java.util.EnumSet;
import java.util.Set;
import org.vecnn.DType;
import org.vecnn.UnaryOp;
import org.vecnn.spi.AxisLayout;
import org.vecnn.spi.BinaryOp;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.ProductPlan;
import org.vecnn.spi.ReduceOp;
import org.vecnn.spi.Storage;

/**
 * The aparapi backend: every operation a training step needs runs as an OpenCL kernel on one device, on
 * tensors that stay in device memory between operations (see {@link ArenaKernel}). Data crosses to the host
 * only when a tensor is created from an array or read back. Every product form, N-D {@code dot} included,
 * runs on the device through the product plan's strides and batch offsets.
 */
final class AparapiBackend extends Kernels {
    private final DeviceProgram float32;
    private final DeviceProgram float64;
    private final String device;

    /**
     * @param float32 the FLOAT32 program
     * @param float64 the FLOAT64 program, or null where the device has no fp64
     * @param fp64Detail why FLOAT64 is missing, when it is
     */
    AparapiBackend(DeviceProgram float32, DeviceProgram float64, String fp64Detail) {
        this.float32 = float32;
        this.float64 = float64;
        this.device = float32.target().description() + (float64 == null ? "; no float64: " + fp64Detail : "");
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public Set<DType> dtypes() {
        return float64 == null ? EnumSet.of(DType.FLOAT32) : EnumSet.allOf(DType.class);
    }

    /** The program of {@code dtype}, or null if the device does not run it. */
    DeviceProgram program(DType dtype) {
        return dtype == DType.FLOAT32 ? float32 : float64;
    }

    private static AparapiStorage s(Storage storage) {
        return (AparapiStorage) storage;
    }

    // ---------------------------------------------------------------- storage

    /**
     * One tensor is a slice of the dtype's arena, one device buffer: at most the device's largest allocation and
     * 2^31 elements; the Java heap holds an array of the same size, so the heap's free part bounds it too.
     */
    @Override
    public long allocationLimit(DType dtype) {
        return Math.min(program(dtype).maxTensorBytes(), super.allocationLimit(dtype));
    }

    @Override
    public String allocationLimitSource(DType dtype) {
        return "the smaller of one buffer of " + program(dtype).describeTarget() + ", "
                + program(dtype).maxTensorBytes() + " bytes, and " + super.allocationLimitSource(dtype);
    }

    @Override
    public Storage allocate(int size, DType dtype) {
        return program(dtype).allocate(size);
    }

    // ---------------------------------------------------------------- products

    @Override
    public void matmul(ProductPlan plan, Storage a, Storage b, Storage out) {
        product(plan, a, b, out);
    }

    @Override
    public void dot(ProductPlan plan, Storage a, Storage b, Storage out) {
        int[] ints = reduction(Ops.DOT, a, out, plan.k(), 1);
        ints[Ops.B] = s(b).offset();
        s(out).program().reduce(ints, out.size(), s(a), s(b), s(out));
    }

    /** Every plan: {@code A(i,p) = a[aOffset + i*aRow + p*aCol]}, {@code B(p,j)} likewise, {@code C} row stride ldc. */
    @Override
    public void product(ProductPlan plan, Storage a, Storage b, Storage out) {
        if (plan.batchCount() > 1 && !uniformOutputs(plan)) {
            super.product(plan, a, b, out);
            return;
        }
        int batches = plan.batchCount();
        int[] ints = new int[Ops.OFFSETS + 2 * batches];
        for (int t = 0; t < batches; t++) {
            ints[Ops.OFFSETS + t] = plan.aOffset(t);
            ints[Ops.OFFSETS + batches + t] = plan.bOffset(t);
        }
        ints[Ops.OUT] = s(out).offset();
        ints[Ops.A] = s(a).offset();
        ints[Ops.B] = s(b).offset();
        ints[Ops.M] = plan.m();
        ints[Ops.K] = plan.k();
        ints[Ops.N] = plan.n();
        ints[Ops.BATCHES] = batches;
        ints[Ops.A_ROW] = plan.transposeA() ? 1 : plan.lda();
        ints[Ops.A_COL] = plan.transposeA() ? plan.lda() : 1;
        ints[Ops.B_ROW] = plan.transposeB() ? 1 : plan.ldb();
        ints[Ops.B_COL] = plan.transposeB() ? plan.ldb() : 1;
        ints[Ops.LDC] = plan.ldc();
        ints[Ops.OUT_STEP] = batches > 1 ? plan.outOffset(1) - plan.outOffset(0) : 0;
        s(out).program().matmul(ints, s(a), s(b), s(out));
    }

    /** Whether batch {@code t}'s result starts at {@code t * outOffset(1)}: the kernel's one batch stride. */
    private static boolean uniformOutputs(ProductPlan plan) {
        int step = plan.outOffset(1) - plan.outOffset(0);
        for (int t = 0; t < plan.batchCount(); t++) {
            if (plan.outOffset(t) != t * step) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void add(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        binary(Ops.ADD, plan, a, b, out);
    }

    @Override
    public void multiply(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        binary(Ops.MULTIPLY, plan, a, b, out);
    }

    @Override
    public void binary(BinaryOp op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        binary(switch (op) {
            case ADD -> Ops.ADD;
            case SUBTRACT -> Ops.SUBTRACT;
            case MULTIPLY -> Ops.MULTIPLY;
            case DIVIDE -> Ops.DIVIDE;
        }, plan, a, b, out);
    }

    private static void binary(int op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        int[] ints;
        if (plan.kind() == BroadcastPlan.Kind.SAME_SHAPE) {
            ints = new int[Ops.DIMS + 3];
            ints[Ops.RANK] = 1;
            ints[Ops.DIMS] = out.size();
            ints[Ops.DIMS + 1] = 1;
            ints[Ops.DIMS + 2] = 1;
        } else {
            int rank = plan.result().rank();
            int[] sa = org.vecnn.spi.Broadcast.strides(plan.aShape(), plan.result());
            int[] sb = org.vecnn.spi.Broadcast.strides(plan.bShape(), plan.result());
            ints = new int[Ops.DIMS + 3 * rank];
            ints[Ops.RANK] = rank;
            for (int axis = 0; axis < rank; axis++) {
                ints[Ops.DIMS + axis] = plan.result().dim(axis);
                ints[Ops.DIMS + rank + axis] = sa[axis];
                ints[Ops.DIMS + 2 * rank + axis] = sb[axis];
            }
        }
        ints[Ops.OP] = op;
        ints[Ops.OUT] = s(out).offset();
        ints[Ops.A] = s(a).offset();
        ints[Ops.B] = s(b).offset();
        s(out).program().elementwise(ints, out.size(), 0.0, s(a), s(b), s(out));
    }

    @Override
    public void scale(double alpha, Storage a, Storage out) {
        unary(Ops.SCALE, a, out, alpha, 0);
    }

    @Override
    public void axpy(double alpha, Storage x, Storage y) {
        unary(Ops.AXPY, x, y, alpha, 0);
    }

    @Override
    public void unary(UnaryOp op, Storage a, Storage out) {
        unary(Ops.MAP, a, out, op.parameter(), Ops.function(op.kind()));
    }

    @Override
    public void copy(Storage src, Storage dst) {
        unary(Ops.COPY, src, dst, 0.0, 0);
    }

    @Override
    public void fill(double value, Storage dst) {
        unary(Ops.FILL, dst, dst, value, 0);
    }

    @Override
    public void transpose(int batches, int rows, int columns, Storage a, Storage out) {
        int[] ints = new int[Ops.ARGS + 2];
        ints[Ops.OP] = Ops.TRANSPOSE;
        ints[Ops.OUT] = s(out).offset();
        ints[Ops.A] = s(a).offset();
        ints[Ops.ROWS] = rows;
        ints[Ops.COLS] = columns;
        s(out).program().elementwise(ints, a.size(), 0.0, s(a), s(out));
    }

    /** An elementwise instruction reading {@code a} and writing {@code out}, with one int argument. */
    private static void unary(int op, Storage a, Storage out, double scalar, int argument) {
        int[] ints = new int[Ops.ARGS + 1];
        ints[Ops.OP] = op;
        ints[Ops.OUT] = s(out).offset();
        ints[Ops.A] = s(a).offset();
        ints[Ops.ARGS] = argument;
        s(out).program().elementwise(ints, out.size(), scalar, s(a), s(out));
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public void reduce(ReduceOp op, AxisLayout layout, Storage a, Storage out) {
        int mode = switch (op) {
            case SUM -> Ops.SUM;
            case MAX -> Ops.MAX;
        };
        s(out).program().reduce(reduction(mode, a, out, layout.length(), layout.inner()), out.size(), s(a), s(out));
    }

    @Override
    public int[] argmax(AxisLayout layout, Storage a) {
        int[] ints = reduction(Ops.ARGMAX, a, a, layout.length(), layout.inner());
        return s(a).program().argmax(ints, layout.outer() * layout.inner(), s(a));
    }

    private static int[] reduction(int mode, Storage a, Storage out, int length, int inner) {
        int[] ints = new int[Ops.ARGS + 3];
        ints[Ops.OUT] = s(out).offset();
        ints[Ops.A] = s(a).offset();
        ints[Ops.MODE] = mode;
        ints[Ops.LENGTH] = length;
        ints[Ops.INNER] = inner;
        return ints;
    }
}
