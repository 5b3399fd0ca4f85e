package org.vecnn.backend.loops;

import org.vecnn.spi.BinaryOp;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.HeapStorage;
import org.vecnn.spi.HostArray;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.ProductPlan;
import org.vecnn.spi.Storage;

/**
 * The reference backend: the four core kernels as plain nested loops over the heap arrays, written to be
 * obviously correct rather than fast. Products accumulate in the tensor's own precision, in index order,
 * starting from {@code +0.0}, one rounded multiply and one rounded add per term (no fused multiply-add).
 * Every other backend is checked against this one.
 *
 * <p>One source serves both dtypes: elements are read widened to double and written back rounded once to
 * the dtype ({@link HostArray}). A float product or sum computed in double and rounded once to float is
 * exactly the float operation (double carries more than twice float's precision), so nothing is lost.
 */
final class LoopsBackend extends Kernels {
    @Override
    public String device() {
        return "CPU (Java heap, plain loops)";
    }

    @Override
    public void matmul(ProductPlan plan, Storage a, Storage b, Storage out) {
        product(plan, array(a), array(b), array(out));
    }

    @Override
    public void dot(ProductPlan plan, Storage a, Storage b, Storage out) {
        product(plan, array(a), array(b), array(out));
    }

    private static void product(ProductPlan plan, HostArray a, HostArray b, HostArray c) {
        boolean single = c instanceof HostArray.Floats;
        for (int t = 0; t < plan.batchCount(); t++) {
            for (int i = 0; i < plan.m(); i++) {
                for (int j = 0; j < plan.n(); j++) {
                    double sum = 0.0;
                    for (int p = 0; p < plan.k(); p++) {
                        double term = a.get(plan.a(t, i, p)) * b.get(plan.b(t, p, j));
                        sum = single ? (float) (sum + (float) term) : sum + term;
                    }
                    c.set(plan.out(t, i, j), sum);
                }
            }
        }
    }

    @Override
    public void add(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        elementwise(BinaryOp.ADD, plan, array(a), array(b), array(out));
    }

    @Override
    public void multiply(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        elementwise(BinaryOp.MULTIPLY, plan, array(a), array(b), array(out));
    }

    /** {@code out = op(a, b)} row by row, each operand read from its row start with its step (0 or 1). */
    private static void elementwise(BinaryOp op, BroadcastPlan plan, HostArray x, HostArray y, HostArray c) {
        for (int row = 0; row < plan.rows(); row++) {
            int ia = plan.aRowStart(row);
            int ib = plan.bRowStart(row);
            int base = row * plan.columns();
            for (int col = 0; col < plan.columns(); col++) {
                c.set(base + col, op.apply(x.get(ia + col * plan.aColumnStep()), y.get(ib + col * plan.bColumnStep())));
            }
        }
    }

    private static HostArray array(Storage s) {
        return ((HeapStorage) s).array();
    }
}
