package com.example.mine;

import static org.vecnn.spi.HeapStorage.doubles;
import static org.vecnn.spi.HeapStorage.floats;

import org.vecnn.DType;
import org.vecnn.spi.*;

public final class MyKernels extends Kernels {
    @Override public void matmul(ProductPlan p, Storage a, Storage b, Storage out) {
        for (int t = 0; t < p.batchCount(); t++)
            for (int i = 0; i < p.m(); i++)
                for (int j = 0; j < p.n(); j++) {
                    double sum = 0;                  // float32: accumulate in float, see MinimalBackend
                    for (int k = 0; k < p.k(); k++) sum += get(a, p.a(t, i, k)) * get(b, p.b(t, k, j));
                    set(out, p.out(t, i, j), sum);
                }
    }
    @Override public void dot(ProductPlan p, Storage a, Storage b, Storage out) { matmul(p, a, b, out); }
    @Override public void add(BroadcastPlan p, Storage a, Storage b, Storage out) { walk(p, a, b, out, true); }
    @Override public void multiply(BroadcastPlan p, Storage a, Storage b, Storage out) { walk(p, a, b, out, false); }

    private static void walk(BroadcastPlan p, Storage a, Storage b, Storage out, boolean add) {
        for (int r = 0; r < p.rows(); r++)
            for (int c = 0; c < p.columns(); c++) {
                double x = get(a, p.aRowStart(r) + c * p.aColumnStep());
                double y = get(b, p.bRowStart(r) + c * p.bColumnStep());
                set(out, r * p.columns() + c, add ? x + y : x * y);
            }
    }
    private static double get(Storage s, int i) { return s.dtype() == DType.FLOAT32 ? floats(s)[i] : doubles(s)[i]; }
    private static void set(Storage s, int i, double v) {
        if (s.dtype() == DType.FLOAT32) floats(s)[i] = (float) v; else doubles(s)[i] = v;
    }
}
