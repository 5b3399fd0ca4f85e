package org.vecnn.backend.ejml;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.vecnn.UnaryOp;
import org.vecnn.spi.BinaryOp;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.HeapStorage;
import org.vecnn.spi.Storage;

/**
 * float32 on EJML's FDRM kernels.
 * <p>Dense64, float64 on DDRM, is generated from Dense32 by tools/Twins.java (see float64-twins.txt).
 */
final class Dense32 implements Dense<float[]> {

    @Override
    public float[] data(Storage s) {
        return HeapStorage.floats(s);
    }

    /** The matrix at {@code offset}: wrapped in place at offset 0, copied otherwise (EJML has no offsets). */
    private static FMatrixRMaj view(float[] data, int offset, int rows, int cols) {
        if (offset == 0) {
            return FMatrixRMaj.wrap(rows, cols, data);
        }
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        System.arraycopy(data, offset, m.data, 0, rows * cols);
        return m;
    }

    @Override
    public void mult(float[] a, int aOff, int m, int k, float[] b, int bOff, int n, float[] c, int cOff, boolean parallel) {
        FMatrixRMaj result = cOff == 0 ? FMatrixRMaj.wrap(m, n, c) : new FMatrixRMaj(m, n);
        if (parallel) {
            CommonOps_MT_FDRM.mult(view(a, aOff, m, k), view(b, bOff, k, n), result);
        } else {
            CommonOps_FDRM.mult(view(a, aOff, m, k), view(b, bOff, k, n), result);
        }
        if (cOff != 0) {
            System.arraycopy(result.data, 0, c, cOff, m * n);
        }
    }

    @Override
    public void multTransA(float[] a, int k, int m, float[] b, int n, float[] c, boolean parallel) {
        FMatrixRMaj result = FMatrixRMaj.wrap(m, n, c);
        if (parallel) {
            CommonOps_MT_FDRM.multTransA(FMatrixRMaj.wrap(k, m, a), FMatrixRMaj.wrap(k, n, b), result);
        } else {
            CommonOps_FDRM.multTransA(FMatrixRMaj.wrap(k, m, a), FMatrixRMaj.wrap(k, n, b), result);
        }
    }

    @Override
    public void multTransB(float[] a, int m, int k, float[] b, int n, float[] c, boolean parallel) {
        FMatrixRMaj result = FMatrixRMaj.wrap(m, n, c);
        if (parallel) {
            CommonOps_MT_FDRM.multTransB(FMatrixRMaj.wrap(m, k, a), FMatrixRMaj.wrap(n, k, b), result);
        } else {
            CommonOps_FDRM.multTransB(FMatrixRMaj.wrap(m, k, a), FMatrixRMaj.wrap(n, k, b), result);
        }
    }

    @Override
    public void elementwise(BinaryOp op, float[] a, float[] b, float[] c, int size) {
        FMatrixRMaj x = FMatrixRMaj.wrap(1, size, a);
        FMatrixRMaj y = FMatrixRMaj.wrap(1, size, b);
        FMatrixRMaj z = FMatrixRMaj.wrap(1, size, c);
        switch (op) {
            case ADD -> CommonOps_FDRM.add(x, y, z);
            case SUBTRACT -> CommonOps_FDRM.subtract(x, y, z);
            case MULTIPLY -> CommonOps_FDRM.elementMult(x, y, z);
            case DIVIDE -> CommonOps_FDRM.elementDiv(x, y, z);
        }
    }

    @Override
    public void withScalarRight(BinaryOp op, float[] a, float[] b, float[] c, int size) {
        FMatrixRMaj x = FMatrixRMaj.wrap(1, size, a);
        FMatrixRMaj z = FMatrixRMaj.wrap(1, size, c);
        float v = b[0];
        switch (op) {
            case ADD -> CommonOps_FDRM.add(x, v, z);
            case SUBTRACT -> CommonOps_FDRM.subtract(x, v, z);
            case MULTIPLY -> CommonOps_FDRM.scale(v, x, z);
            case DIVIDE -> CommonOps_FDRM.divide(x, v, z);
        }
    }

    @Override
    public void withScalarLeft(BinaryOp op, float[] a, float[] b, float[] c, int size) {
        FMatrixRMaj y = FMatrixRMaj.wrap(1, size, b);
        FMatrixRMaj z = FMatrixRMaj.wrap(1, size, c);
        float v = a[0];
        switch (op) {
            case ADD -> CommonOps_FDRM.add(y, v, z);
            case SUBTRACT -> CommonOps_FDRM.subtract(v, y, z);
            case MULTIPLY -> CommonOps_FDRM.scale(v, y, z);
            case DIVIDE -> CommonOps_FDRM.divide(v, y, z);
        }
    }

    @Override
    public void rows(BinaryOp op, float[] a, float[] b, float[] c, BroadcastPlan plan) {
        int columns = plan.columns();
        int aStep = plan.aColumnStep();
        int bStep = plan.bColumnStep();
        for (int row = 0, ci = 0; row < plan.rows(); row++) {
            int ai = plan.aRowStart(row);
            int bi = plan.bRowStart(row);
            for (int j = 0; j < columns; j++, ci++, ai += aStep, bi += bStep) {
                c[ci] = switch (op) {
                    case ADD -> a[ai] + b[bi];
                    case SUBTRACT -> a[ai] - b[bi];
                    case MULTIPLY -> a[ai] * b[bi];
                    case DIVIDE -> a[ai] / b[bi];
                };
            }
        }
    }

    @Override
    public void scale(float[] a, double alpha, float[] c, int size) {
        CommonOps_FDRM.scale((float) alpha, FMatrixRMaj.wrap(1, size, a), FMatrixRMaj.wrap(1, size, c));
    }

    @Override
    public void axpy(double alpha, float[] x, float[] y, int size) {
        CommonOps_FDRM.addEquals(FMatrixRMaj.wrap(1, size, y), (float) alpha, FMatrixRMaj.wrap(1, size, x));
    }

    @Override
    public void map(UnaryOp op, float[] a, float[] c, int size) {
        for (int i = 0; i < size; i++) {
            c[i] = (float) op.apply(a[i]);
        }
    }

    @Override
    public void sumCols(float[] a, int rows, int cols, float[] out) {
        CommonOps_FDRM.sumCols(FMatrixRMaj.wrap(rows, cols, a), FMatrixRMaj.wrap(1, cols, out));
    }

    @Override
    public void sumRows(float[] a, int rows, int cols, float[] out) {
        CommonOps_FDRM.sumRows(FMatrixRMaj.wrap(rows, cols, a), FMatrixRMaj.wrap(rows, 1, out));
    }

    @Override
    public void transpose(float[] a, int rows, int cols, float[] out) {
        CommonOps_FDRM.transpose(FMatrixRMaj.wrap(rows, cols, a), FMatrixRMaj.wrap(cols, rows, out));
    }

    @Override
    public void positiveZero(float[] c, int size) {
        for (int i = 0; i < size; i++) {
            c[i] += 0.0f;
        }
    }
}
