package org.vecnn.tck;

import static org.vecnn.spi.HeapTensor.doubles;

import org.vecnn.DType;
import org.vecnn.Tensor;
import org.vecnn.spi.Backend;

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
    public Backend backend() {
        return BROKEN;
    }

    private static final Backend BROKEN = new MinimalBackend() {
        @Override
        public String name() {
            return "broken-broadcast";
        }

        @Override
        protected void addKernel(Tensor a, Tensor b, Tensor out) {
            if (out.dtype() != DType.FLOAT64) {
                super.addKernel(a, b, out);
                return;
            }
            double[] x = doubles(a);
            double[] y = doubles(b);
            double[] c = doubles(out);
            for (int i = 0; i < c.length; i++) {
                c[i] = x[i % x.length] + y[i % y.length];
            }
        }
    };
}
