package org.vecnn.tck;

import static org.vecnn.spi.HeapStorage.doubles;
import static org.vecnn.spi.HeapStorage.floats;

import org.vecnn.DType;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.ProductPlan;
import org.vecnn.spi.Storage;

/**
 * The smallest backend there can be: the four core kernels and nothing else, written the way a newcomer
 * would (the plans' index helpers, one loop nest per kernel), on the SPI's default heap storage. It proves
 * that the TCK can be met with four methods.
 */
class MinimalBackend extends Kernels {
    @Override
    public void matmul(ProductPlan p, Storage a, Storage b, Storage out) {
        for (int t = 0; t < p.batchCount(); t++) {
            for (int i = 0; i < p.m(); i++) {
                for (int j = 0; j < p.n(); j++) {
                    if (out.dtype() == DType.FLOAT32) {
                        float sum = 0.0f;
                        for (int k = 0; k < p.k(); k++) {
                            sum += product(floats(a)[p.a(t, i, k)], floats(b)[p.b(t, k, j)]);
                        }
                        floats(out)[p.out(t, i, j)] = sum;
                    } else {
                        double sum = 0.0;
                        for (int k = 0; k < p.k(); k++) {
                            sum += doubles(a)[p.a(t, i, k)] * doubles(b)[p.b(t, k, j)];
                        }
                        doubles(out)[p.out(t, i, j)] = sum;
                    }
                }
            }
        }
    }

    /** A float product; overridden by the deliberately broken backend. */
    float product(float x, float y) {
        return x * y;
    }

    @Override
    public void dot(ProductPlan p, Storage a, Storage b, Storage out) {
        matmul(p, a, b, out);
    }

    @Override
    public void add(BroadcastPlan p, Storage a, Storage b, Storage out) {
        elementwise(p, a, b, out, true);
    }

    @Override
    public void multiply(BroadcastPlan p, Storage a, Storage b, Storage out) {
        elementwise(p, a, b, out, false);
    }

    private static void elementwise(BroadcastPlan p, Storage a, Storage b, Storage out, boolean add) {
        for (int row = 0; row < p.rows(); row++) {
            for (int c = 0; c < p.columns(); c++) {
                int ia = p.aRowStart(row) + c * p.aColumnStep();
                int ib = p.bRowStart(row) + c * p.bColumnStep();
                int io = row * p.columns() + c;
                if (out.dtype() == DType.FLOAT32) {
                    float x = floats(a)[ia];
                    float y = floats(b)[ib];
                    floats(out)[io] = add ? x + y : x * y;
                } else {
                    double x = doubles(a)[ia];
                    double y = doubles(b)[ib];
                    doubles(out)[io] = add ? x + y : x * y;
                }
            }
        }
    }
}
