package org.vecnn.tck;

import static org.vecnn.spi.HeapStorage.doubles;

import org.vecnn.Backend;
import org.vecnn.DType;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.Storage;



/**
 * The TCK run against a backend whose float64 add broadcasts by wrapping the flat index ({@code i % size}),
 * right for a trailing row but wrong for a column. Not a test itself; {@link TckCatchesBrokenBackendsTest} runs it.
 */
class BrokenBroadcastContractRun extends BackendTck {
    @Override
    protected String backendName() {
        return "broken-broadcast";
    }

    @Override
    protected Backend createBackend() {
        return BROKEN;
    }

    private static final Backend BROKEN = Backend.of("broken-broadcast", new MinimalBackend() {
        @Override
        public void add(BroadcastPlan p, Storage a, Storage b, Storage out) {
            if (out.dtype() != DType.FLOAT64) {
                super.add(p, a, b, out);
                return;
            }
            double[] x = doubles(a);
            double[] y = doubles(b);
            double[] c = doubles(out);
            for (int i = 0; i < c.length; i++) {
                c[i] = x[i % x.length] + y[i % y.length];
            }
        }
    });
}
