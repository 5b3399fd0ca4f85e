package org.vecnn.backend.aparapi;

import java.util.EnumSet;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.spi.AxisLayout;
import org.vecnn.spi.Backend;
import org.vecnn.spi.Broadcast;
import org.vecnn.spi.Capabilities;
import org.vecnn.spi.MatmulLayout;
import org.vecnn.spi.Op;
import org.vecnn.spi.UnaryOp;

/**
 * The aparapi backend: every operation a training step needs runs as an OpenCL kernel on one device, on
 * tensors that stay in device memory between operations (see {@link ArenaKernel}). Data crosses to the host
 * only when a tensor is created from an array or read back. The general N-D·N-D form of {@code dot} is the
 * one operation left to the SPI's host reference.
 */
final class AparapiBackend extends Backend {
    private final DeviceProgram float32;
    private final DeviceProgram float64;
    private final Capabilities capabilities;

    /**
     * @param float32 the FLOAT32 program
     * @param float64 the FLOAT64 program, or null where the device has no fp64
     * @param fp64Detail why FLOAT64 is missing, when it is
     */
    AparapiBackend(DeviceProgram float32, DeviceProgram float64, String fp64Detail) {
        this.float32 = float32;
        this.float64 = float64;
        EnumSet<DType> dtypes = float64 == null ? EnumSet.of(DType.FLOAT32) : EnumSet.allOf(DType.class);
        String device = float32.target().description() + (float64 == null ? "; no float64: " + fp64Detail : "");
        this.capabilities = Capabilities.of(device, dtypes, EnumSet.allOf(Op.class));
    }

    @Override
    public String name() {
        return AparapiProvider.NAME;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The program of {@code dtype}, or null if the device does not run it. */
    DeviceProgram program(DType dtype) {
        return dtype == DType.FLOAT32 ? float32 : float64;
    }

    private static AparapiTensor t(Tensor tensor) {
        return (AparapiTensor) tensor;
    }

    // ---------------------------------------------------------------- storage

    @Override
    protected Tensor allocate(Shape shape, DType dtype) {
        return program(dtype).allocate(this, shape);
    }

    /**
     * One tensor is a slice of the dtype's arena, one device buffer: at most the device's largest allocation and
     * 2^31 elements; the Java heap holds an array of the same size, so the heap's free part bounds it too.
     */
    @Override
    protected long allocationLimit(DType dtype) {
        return Math.min(program(dtype).maxTensorBytes(), super.allocationLimit(dtype));
    }

    @Override
    protected String allocationLimitSource(DType dtype) {
        return "the smaller of one buffer of " + program(dtype).describeTarget() + ", "
                + program(dtype).maxTensorBytes() + " bytes, and " + super.allocationLimitSource(dtype);
    }

    @Override
    protected void writeFloat32(float[] src, Tensor dst) {
        t(dst).program().write(t(dst), src);
    }

    @Override
    protected void writeFloat64(double[] src, Tensor dst) {
        t(dst).program().write(t(dst), src);
    }

    @Override
    protected float[] readFloat32(Tensor src) {
        return (float[]) t(src).program().read(t(src));
    }

    @Override
    protected double[] readFloat64(Tensor src) {
        return (double[]) t(src).program().read(t(src));
    }

    @Override
    protected double readElement(Tensor src, int flatIndex) {
        return t(src).program().readElement(t(src), flatIndex);
    }

    // ---------------------------------------------------------------- products

    @Override
    protected void matmulKernel(Tensor a, Tensor b, Tensor out, MatmulLayout layout) {
        int batches = layout.batchCount();
        int[] ints = new int[Ops.OFFSETS + 2 * batches];
        for (int i = 0; i < batches; i++) {
            ints[Ops.OFFSETS + i] = layout.aOffset(i);
            ints[Ops.OFFSETS + batches + i] = layout.bOffset(i);
        }
        product(ints, a, b, out, layout.m(), layout.k(), layout.n(), batches,
                layout.k(), 1, layout.n(), 1);
    }

    @Override
    protected void matmulTransposeAKernel(Tensor a, Tensor b, Tensor out) {
        int k = a.shape().dim(0);
        int m = a.shape().dim(1);
        int n = b.shape().dim(1);
        product(new int[Ops.OFFSETS + 2], a, b, out, m, k, n, 1, 1, m, n, 1);
    }

    @Override
    protected void matmulTransposeBKernel(Tensor a, Tensor b, Tensor out) {
        int m = a.shape().dim(0);
        int k = a.shape().dim(1);
        int n = b.shape().dim(0);
        product(new int[Ops.OFFSETS + 2], a, b, out, m, k, n, 1, k, 1, 1, k);
    }

    /** {@code out = A·B} where {@code A(i,p) = a[i*aRow + p*aCol]} and {@code B(p,j) = b[p*bRow + j*bCol]}. */
    private static void product(int[] ints, Tensor a, Tensor b, Tensor out, int m, int k, int n, int batches,
            int aRow, int aCol, int bRow, int bCol) {
        ints[Ops.OUT] = t(out).offset();
        ints[Ops.A] = t(a).offset();
        ints[Ops.B] = t(b).offset();
        ints[Ops.M] = m;
        ints[Ops.K] = k;
        ints[Ops.N] = n;
        ints[Ops.BATCHES] = batches;
        ints[Ops.A_ROW] = aRow;
        ints[Ops.A_COL] = aCol;
        ints[Ops.B_ROW] = bRow;
        ints[Ops.B_COL] = bCol;
        t(out).program().matmul(ints, t(a), t(b), t(out));
    }

    @Override
    protected void dotKernel(Tensor a, Tensor b, Tensor out) {
        int[] ints = reduction(Ops.DOT, a, out, b.size(), 1);
        ints[Ops.B] = t(b).offset();
        t(out).program().reduce(ints, out.size(), t(a), t(b), t(out));
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    protected void addKernel(Tensor a, Tensor b, Tensor out) {
        binary(Ops.ADD, a, b, out);
    }

    @Override
    protected void multiplyKernel(Tensor a, Tensor b, Tensor out) {
        binary(Ops.MULTIPLY, a, b, out);
    }

    @Override
    protected void subtractKernel(Tensor a, Tensor b, Tensor out) {
        binary(Ops.SUBTRACT, a, b, out);
    }

    @Override
    protected void divideKernel(Tensor a, Tensor b, Tensor out) {
        binary(Ops.DIVIDE, a, b, out);
    }

    private static void binary(int op, Tensor a, Tensor b, Tensor out) {
        Shape result = out.shape();
        int[] ints;
        if (a.shape().equals(result) && b.shape().equals(result)) {
            ints = new int[Ops.DIMS + 3];
            ints[Ops.RANK] = 1;
            ints[Ops.DIMS] = out.size();
            ints[Ops.DIMS + 1] = 1;
            ints[Ops.DIMS + 2] = 1;
        } else {
            int rank = result.rank();
            int[] sa = Broadcast.strides(a.shape(), result);
            int[] sb = Broadcast.strides(b.shape(), result);
            ints = new int[Ops.DIMS + 3 * rank];
            ints[Ops.RANK] = rank;
            for (int axis = 0; axis < rank; axis++) {
                ints[Ops.DIMS + axis] = result.dim(axis);
                ints[Ops.DIMS + rank + axis] = sa[axis];
                ints[Ops.DIMS + 2 * rank + axis] = sb[axis];
            }
        }
        ints[Ops.OP] = op;
        ints[Ops.OUT] = t(out).offset();
        ints[Ops.A] = t(a).offset();
        ints[Ops.B] = t(b).offset();
        t(out).program().elementwise(ints, out.size(), 0.0, t(a), t(b), t(out));
    }

    @Override
    protected void scaleKernel(Tensor a, double alpha, Tensor out) {
        unary(Ops.SCALE, a, out, alpha, 0);
    }

    @Override
    protected void axpyKernel(double alpha, Tensor x, Tensor y) {
        unary(Ops.AXPY, x, y, alpha, 0);
    }

    @Override
    protected void mapKernel(UnaryOp op, Tensor a, Tensor out) {
        unary(Ops.MAP, a, out, op.parameter(), op.kind().ordinal());
    }

    @Override
    protected void copyKernel(Tensor src, Tensor dst) {
        unary(Ops.COPY, src, dst, 0.0, 0);
    }

    @Override
    protected void fillKernel(Tensor dst, double value) {
        unary(Ops.FILL, dst, dst, value, 0);
    }

    @Override
    protected void transposeKernel(Tensor a, Tensor out) {
        int[] ints = new int[Ops.ARGS + 2];
        ints[Ops.OP] = Ops.TRANSPOSE;
        ints[Ops.OUT] = t(out).offset();
        ints[Ops.A] = t(a).offset();
        ints[Ops.ROWS] = a.shape().dim(-2);
        ints[Ops.COLS] = a.shape().dim(-1);
        t(out).program().elementwise(ints, a.size(), 0.0, t(a), t(out));
    }

    /** An elementwise instruction reading {@code a} and writing {@code out}, with one int argument. */
    private static void unary(int op, Tensor a, Tensor out, double scalar, int argument) {
        int[] ints = new int[Ops.ARGS + 1];
        ints[Ops.OP] = op;
        ints[Ops.OUT] = t(out).offset();
        ints[Ops.A] = t(a).offset();
        ints[Ops.ARGS] = argument;
        t(out).program().elementwise(ints, out.size(), scalar, t(a), t(out));
    }

    // ---------------------------------------------------------------- reductions

    @Override
    protected void sumKernel(Tensor a, int axis, Tensor out) {
        AxisLayout layout = AxisLayout.of(a.shape(), axis);
        t(out).program().reduce(reduction(Ops.SUM, a, out, layout.length(), layout.inner()), out.size(), t(a), t(out));
    }

    @Override
    protected void maxKernel(Tensor a, int axis, Tensor out) {
        AxisLayout layout = AxisLayout.of(a.shape(), axis);
        t(out).program().reduce(reduction(Ops.MAX, a, out, layout.length(), layout.inner()), out.size(), t(a), t(out));
    }

    @Override
    protected int[] argmaxKernel(Tensor a, int axis) {
        AxisLayout layout = AxisLayout.of(a.shape(), axis);
        int[] ints = reduction(Ops.ARGMAX, a, a, layout.length(), layout.inner());
        return t(a).program().argmax(ints, layout.outer() * layout.inner(), t(a));
    }

    private static int[] reduction(int mode, Tensor a, Tensor out, int length, int inner) {
        int[] ints = new int[Ops.ARGS + 3];
        ints[Ops.OUT] = t(out).offset();
        ints[Ops.A] = t(a).offset();
        ints[Ops.MODE] = mode;
        ints[Ops.LENGTH] = length;
        ints[Ops.INNER] = inner;
        return ints;
    }
}
