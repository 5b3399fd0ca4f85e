package org.vecnn.backend.ejml;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.vecnn.Tensor;
import org.vecnn.spi.HeapTensor;
import org.vecnn.spi.Op;
import org.vecnn.spi.UnaryOp;

/** float64 on EJML's DDRM kernels. */
final class Dense64 implements Dense<double[]> {

    @Override
    public double[] data(Tensor t) {
        return HeapTensor.doubles(t);
    }

    /** The matrix at {@code offset}: wrapped in place at offset 0, copied otherwise (EJML has no offsets). */
    private static DMatrixRMaj view(double[] data, int offset, int rows, int cols) {
        if (offset == 0) {
            return DMatrixRMaj.wrap(rows, cols, data);
        }
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        System.arraycopy(data, offset, m.data, 0, rows * cols);
        return m;
    }

    @Override
    public void mult(double[] a, int aOff, int m, int k, double[] b, int bOff, int n, double[] c, int cOff, boolean parallel) {
        DMatrixRMaj result = cOff == 0 ? DMatrixRMaj.wrap(m, n, c) : new DMatrixRMaj(m, n);
        if (parallel) {
            CommonOps_MT_DDRM.mult(view(a, aOff, m, k), view(b, bOff, k, n), result);
        } else {
            CommonOps_DDRM.mult(view(a, aOff, m, k), view(b, bOff, k, n), result);
        }
        if (cOff != 0) {
            System.arraycopy(result.data, 0, c, cOff, m * n);
        }
    }

    @Override
    public void multTransA(double[] a, int k, int m, double[] b, int n, double[] c, boolean parallel) {
        DMatrixRMaj result = DMatrixRMaj.wrap(m, n, c);
        if (parallel) {
            CommonOps_MT_DDRM.multTransA(DMatrixRMaj.wrap(k, m, a), DMatrixRMaj.wrap(k, n, b), result);
        } else {
            CommonOps_DDRM.multTransA(DMatrixRMaj.wrap(k, m, a), DMatrixRMaj.wrap(k, n, b), result);
        }
    }

    @Override
    public void multTransB(double[] a, int m, int k, double[] b, int n, double[] c, boolean parallel) {
        DMatrixRMaj result = DMatrixRMaj.wrap(m, n, c);
        if (parallel) {
            CommonOps_MT_DDRM.multTransB(DMatrixRMaj.wrap(m, k, a), DMatrixRMaj.wrap(n, k, b), result);
        } else {
            CommonOps_DDRM.multTransB(DMatrixRMaj.wrap(m, k, a), DMatrixRMaj.wrap(n, k, b), result);
        }
    }

    @Override
    public void elementwise(Op op, double[] a, double[] b, double[] c, int size) {
        DMatrixRMaj x = DMatrixRMaj.wrap(1, size, a);
        DMatrixRMaj y = DMatrixRMaj.wrap(1, size, b);
        DMatrixRMaj z = DMatrixRMaj.wrap(1, size, c);
        switch (op) {
            case ADD: CommonOps_DDRM.add(x, y, z); break;
            case SUBTRACT: CommonOps_DDRM.subtract(x, y, z); break;
            case MULTIPLY: CommonOps_DDRM.elementMult(x, y, z); break;
            case DIVIDE: CommonOps_DDRM.elementDiv(x, y, z); break;
            default: throw new IllegalArgumentException(op.toString());
        }
    }

    @Override
    public void withScalarRight(Op op, double[] a, double[] b, double[] c, int size) {
        DMatrixRMaj x = DMatrixRMaj.wrap(1, size, a);
        DMatrixRMaj z = DMatrixRMaj.wrap(1, size, c);
        double v = b[0];
        switch (op) {
            case ADD: CommonOps_DDRM.add(x, v, z); break;
            case SUBTRACT: CommonOps_DDRM.subtract(x, v, z); break;
            case MULTIPLY: CommonOps_DDRM.scale(v, x, z); break;
            case DIVIDE: CommonOps_DDRM.divide(x, v, z); break;
            default: throw new IllegalArgumentException(op.toString());
        }
    }

    @Override
    public void withScalarLeft(Op op, double[] a, double[] b, double[] c, int size) {
        DMatrixRMaj y = DMatrixRMaj.wrap(1, size, b);
        DMatrixRMaj z = DMatrixRMaj.wrap(1, size, c);
        double v = a[0];
        switch (op) {
            case ADD: CommonOps_DDRM.add(y, v, z); break;
            case SUBTRACT: CommonOps_DDRM.subtract(v, y, z); break;
            case MULTIPLY: CommonOps_DDRM.scale(v, y, z); break;
            case DIVIDE: CommonOps_DDRM.divide(v, y, z); break;
            default: throw new IllegalArgumentException(op.toString());
        }
    }

    @Override
    public void rows(Op op, double[] a, int[] aStarts, int aStride, double[] b, int[] bStarts, int bStride, double[] c, int rowLength) {
        for (int row = 0, ci = 0; row < aStarts.length; row++) {
            int ai = aStarts[row];
            int bi = bStarts[row];
            for (int j = 0; j < rowLength; j++, ci++, ai += aStride, bi += bStride) {
                switch (op) {
                    case ADD: c[ci] = a[ai] + b[bi]; break;
                    case SUBTRACT: c[ci] = a[ai] - b[bi]; break;
                    case MULTIPLY: c[ci] = a[ai] * b[bi]; break;
                    case DIVIDE: c[ci] = a[ai] / b[bi]; break;
                    default: throw new IllegalArgumentException(op.toString());
                }
            }
        }
    }

    @Override
    public void scale(double[] a, double alpha, double[] c, int size) {
        CommonOps_DDRM.scale(alpha, DMatrixRMaj.wrap(1, size, a), DMatrixRMaj.wrap(1, size, c));
    }

    @Override
    public void axpy(double alpha, double[] x, double[] y, int size) {
        CommonOps_DDRM.addEquals(DMatrixRMaj.wrap(1, size, y), alpha, DMatrixRMaj.wrap(1, size, x));
    }

    @Override
    public void map(UnaryOp op, double[] a, double[] c, int size) {
        for (int i = 0; i < size; i++) {
            c[i] = op.apply(a[i]);
        }
    }

    @Override
    public void sumCols(double[] a, int rows, int cols, double[] out) {
        CommonOps_DDRM.sumCols(DMatrixRMaj.wrap(rows, cols, a), DMatrixRMaj.wrap(1, cols, out));
    }

    @Override
    public void sumRows(double[] a, int rows, int cols, double[] out) {
        CommonOps_DDRM.sumRows(DMatrixRMaj.wrap(rows, cols, a), DMatrixRMaj.wrap(rows, 1, out));
    }

    @Override
    public void transpose(double[] a, int rows, int cols, double[] out) {
        CommonOps_DDRM.transpose(DMatrixRMaj.wrap(rows, cols, a), DMatrixRMaj.wrap(cols, rows, out));
    }
}
