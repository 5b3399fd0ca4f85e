package org.vecnn.spi;

import java.util.function.DoubleUnaryOperator;
import org.vecnn.DType;
import org.vecnn.UnaryOp;

/**
 * The reference implementations behind {@link Kernels}' overridable primitives. They copy the operands to
 * the host, compute in double precision and round each result once to the dtype, which for a single IEEE
 * operation gives exactly the float result. Correct on every backend; fast on none.
 */
final class ReferenceKernels {
    private ReferenceKernels() {
    }

    static HostArray read(Storage s) {
        HostArray host = HostArray.zeros(s.dtype(), s.size());
        s.read(host);
        return host;
    }

    /** {@code value} rounded to {@code dtype}, as a double. */
    static double round(DType dtype, double value) {
        return dtype == DType.FLOAT32 ? (float) value : value;
    }

    static void product(ProductPlan plan, Storage a, Storage b, Storage out) {
        HostArray x = read(a);
        HostArray y = read(b);
        HostArray result = read(out);
        DType dtype = out.dtype();
        for (int t = 0; t < plan.batchCount(); t++) {
            for (int i = 0; i < plan.m(); i++) {
                for (int j = 0; j < plan.n(); j++) {
                    double sum = 0.0;
                    for (int p = 0; p < plan.k(); p++) {
                        sum = round(dtype, sum + round(dtype, x.get(plan.a(t, i, p)) * y.get(plan.b(t, p, j))));
                    }
                    result.set(plan.out(t, i, j), sum);
                }
            }
        }
        out.write(result);
    }

    static void binary(BinaryOp op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        HostArray x = read(a);
        HostArray y = read(b);
        HostArray result = HostArray.zeros(out.dtype(), out.size());
        int columns = plan.columns();
        int aStep = plan.aColumnStep();
        int bStep = plan.bColumnStep();
        for (int row = 0; row < plan.rows(); row++) {
            int ia = plan.aRowStart(row);
            int ib = plan.bRowStart(row);
            for (int c = 0; c < columns; c++) {
                result.set(row * columns + c, op.apply(x.get(ia + c * aStep), y.get(ib + c * bStep)));
            }
        }
        out.write(result);
    }

    static void unary(UnaryOp op, Storage a, Storage out) {
        elementwise(a, out, op::apply);
    }

    static void scale(double alpha, Storage a, Storage out) {
        elementwise(a, out, x -> alpha * x);
    }

    static void copy(Storage src, Storage dst) {
        dst.write(read(src));
    }

    private static void elementwise(Storage a, Storage out, DoubleUnaryOperator f) {
        HostArray x = read(a);
        for (int i = 0; i < x.length(); i++) {
            x.set(i, f.applyAsDouble(x.get(i)));
        }
        out.write(x);
    }

    static void axpy(double alpha, Storage x, Storage y) {
        HostArray xs = read(x);
        HostArray ys = read(y);
        for (int i = 0; i < ys.length(); i++) {
            ys.set(i, ys.get(i) + round(y.dtype(), alpha * xs.get(i)));
        }
        y.write(ys);
    }

    static void reduce(ReduceOp op, AxisLayout layout, Storage a, Storage out) {
        HostArray x = read(a);
        HostArray result = HostArray.zeros(out.dtype(), out.size());
        for (int o = 0; o < layout.outer(); o++) {
            for (int i = 0; i < layout.inner(); i++) {
                double value;
                if (op == ReduceOp.SUM) {
                    value = 0.0;
                    for (int j = 0; j < layout.length(); j++) {
                        value = round(out.dtype(), value + x.get(layout.index(o, j, i)));
                    }
                } else {
                    value = x.get(layout.index(o, argmaxAlong(x, layout, o, i), i));
                }
                result.set(o * layout.inner() + i, value);
            }
        }
        out.write(result);
    }

    static int[] argmax(AxisLayout layout, Storage a) {
        HostArray x = read(a);
        int[] result = new int[layout.outer() * layout.inner()];
        for (int o = 0; o < layout.outer(); o++) {
            for (int i = 0; i < layout.inner(); i++) {
                result[o * layout.inner() + i] = argmaxAlong(x, layout, o, i);
            }
        }
        return result;
    }

    /** The position of the first maximum along the axis, or of the first NaN, which wins as in NumPy. */
    private static int argmaxAlong(HostArray x, AxisLayout layout, int outer, int inner) {
        int best = 0;
        double bestValue = x.get(layout.index(outer, 0, inner));
        for (int j = 1; j < layout.length() && !Double.isNaN(bestValue); j++) {
            double v = x.get(layout.index(outer, j, inner));
            if (v > bestValue || Double.isNaN(v)) {
                best = j;
                bestValue = v;
            }
        }
        return best;
    }

    static void transpose(int batches, int rows, int columns, Storage a, Storage out) {
        HostArray x = read(a);
        HostArray result = HostArray.zeros(out.dtype(), out.size());
        int matrix = rows * columns;
        for (int offset = 0; offset < batches * matrix; offset += matrix) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    result.set(offset + c * rows + r, x.get(offset + r * columns + c));
                }
            }
        }
        out.write(result);
    }

    /**
     * Softmax cross-entropy in double precision on the host, each output rounded once: per row, {@code p =
     * exp(z - max) / Σ exp(z - max)}, the row loss {@code -Σ y·(z - max - log Σ)}, and {@code (p - y) / rows}.
     */
    static double softmaxCrossEntropy(int rows, int columns, Storage logits, Storage targets, Storage probabilities,
                                      Storage gradient) {
        HostArray z = read(logits);
        HostArray y = read(targets);
        HostArray p = HostArray.zeros(probabilities.dtype(), probabilities.size());
        HostArray g = HostArray.zeros(gradient.dtype(), gradient.size());
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * columns;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < columns; j++) {
                double v = z.get(row + j);
                max = v > max || Double.isNaN(v) ? v : max;
            }
            double sum = 0;
            for (int j = 0; j < columns; j++) {
                sum += Math.exp(z.get(row + j) - max);
            }
            double logSum = Math.log(sum);
            for (int j = 0; j < columns; j++) {
                double shifted = z.get(row + j) - max;
                double probability = Math.exp(shifted) / sum;
                double target = y.get(row + j);
                if (target != 0) {
                    total -= target * (shifted - logSum);
                }
                p.set(row + j, probability);
                g.set(row + j, (probability - target) / rows);
            }
        }
        probabilities.write(p);
        gradient.write(g);
        return total / rows;
    }

    static void fill(double value, Storage out) {
        HostArray values = HostArray.zeros(out.dtype(), out.size());
        for (int i = 0; i < values.length(); i++) {
            values.set(i, value);
        }
        out.write(values);
    }

    static void binaryFunction(BinaryFunction op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        HostArray x = read(a);
        HostArray y = read(b);
        HostArray result = HostArray.zeros(out.dtype(), out.size());
        int columns = plan.columns();
        for (int row = 0; row < plan.rows(); row++) {
            int ia = plan.aRowStart(row);
            int ib = plan.bRowStart(row);
            for (int c = 0; c < columns; c++) {
                result.set(row * columns + c,
                        op.apply(x.get(ia + c * plan.aColumnStep()), y.get(ib + c * plan.bColumnStep())));
            }
        }
        out.write(result);
    }

    static void where(Storage mask, Storage a, Storage b, Storage out) {
        HostArray m = read(mask);
        HostArray x = read(a);
        HostArray y = read(b);
        for (int i = 0; i < x.length(); i++) {
            if (m.get(i) == 0) {
                x.set(i, y.get(i));
            }
        }
        out.write(x);
    }

    static void min(AxisLayout layout, Storage a, Storage out) {
        HostArray x = read(a);
        HostArray result = HostArray.zeros(out.dtype(), out.size());
        for (int o = 0; o < layout.outer(); o++) {
            for (int i = 0; i < layout.inner(); i++) {
                result.set(o * layout.inner() + i, x.get(layout.index(o, argminAlong(x, layout, o, i), i)));
            }
        }
        out.write(result);
    }

    static void prod(AxisLayout layout, Storage a, Storage out) {
        HostArray x = read(a);
        HostArray result = HostArray.zeros(out.dtype(), out.size());
        for (int o = 0; o < layout.outer(); o++) {
            for (int i = 0; i < layout.inner(); i++) {
                double value = 1.0;
                for (int j = 0; j < layout.length(); j++) {
                    value = round(out.dtype(), value * x.get(layout.index(o, j, i)));
                }
                result.set(o * layout.inner() + i, value);
            }
        }
        out.write(result);
    }

    static int[] argmin(AxisLayout layout, Storage a) {
        HostArray x = read(a);
        int[] result = new int[layout.outer() * layout.inner()];
        for (int o = 0; o < layout.outer(); o++) {
            for (int i = 0; i < layout.inner(); i++) {
                result[o * layout.inner() + i] = argminAlong(x, layout, o, i);
            }
        }
        return result;
    }

    /** The position of the first minimum along the axis, or of the first NaN, which wins as in NumPy. */
    private static int argminAlong(HostArray x, AxisLayout layout, int outer, int inner) {
        int best = 0;
        double bestValue = x.get(layout.index(outer, 0, inner));
        for (int j = 1; j < layout.length() && !Double.isNaN(bestValue); j++) {
            double v = x.get(layout.index(outer, j, inner));
            if (v < bestValue || Double.isNaN(v)) {
                best = j;
                bestValue = v;
            }
        }
        return best;
    }
}
