package org.vecnn.tck;

import org.vecnn.Backend;
import org.vecnn.spi.AxisLayout;
import org.vecnn.spi.BinaryFunction;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.HostArray;
import org.vecnn.spi.Storage;

/**
 * The TCK run against a backend with the classic bugs of NumPy's functions: {@code maximum} as {@code Math.max}
 * (right for NaN, wrong for {@code np.maximum(0.0, -0.0)}, which is {@code -0.0}), and a {@code min} that skips
 * NaN ({@code np.fmin}'s rule, not {@code np.min}'s). Not a test itself; {@link TckCatchesBrokenBackendsTest} runs it.
 */
class BrokenSurfaceContractRun extends BackendTck {
    @Override
    protected String backendName() {
        return "broken-surface";
    }

    @Override
    protected Backend createBackend() {
        return BROKEN;
    }

    private static HostArray read(Storage s) {
        HostArray host = HostArray.zeros(s.dtype(), s.size());
        s.read(host);
        return host;
    }

    private static final Backend BROKEN = Backend.of("broken-surface", new MinimalBackend() {
        @Override
        public void binaryFunction(BinaryFunction op, BroadcastPlan p, Storage a, Storage b, Storage out) {
            if (op != BinaryFunction.MAXIMUM) {
                super.binaryFunction(op, p, a, b, out);
                return;
            }
            HostArray x = read(a);
            HostArray y = read(b);
            HostArray c = HostArray.zeros(out.dtype(), out.size());
            for (int row = 0; row < p.rows(); row++) {
                for (int j = 0; j < p.columns(); j++) {
                    c.set(row * p.columns() + j, Math.max(x.get(p.aRowStart(row) + j * p.aColumnStep()),
                            y.get(p.bRowStart(row) + j * p.bColumnStep())));
                }
            }
            out.write(c);
        }

        @Override
        public void min(AxisLayout l, Storage a, Storage out) {
            HostArray x = read(a);
            HostArray c = HostArray.zeros(out.dtype(), out.size());
            for (int o = 0; o < l.outer(); o++) {
                for (int i = 0; i < l.inner(); i++) {
                    double best = Double.POSITIVE_INFINITY;
                    for (int j = 0; j < l.length(); j++) {
                        double v = x.get(l.index(o, j, i));
                        best = v < best ? v : best;
                    }
                    c.set(o * l.inner() + i, best);
                }
            }
            out.write(c);
        }
    });
}
