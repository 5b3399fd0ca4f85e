package org.vecnn;

import java.util.concurrent.atomic.AtomicInteger;
import org.vecnn.spi.Availability;
import org.vecnn.spi.Backend;
import org.vecnn.spi.BackendProvider;
import org.vecnn.spi.HeapTensor;
import org.vecnn.spi.MatmulLayout;

/** Small backends and providers for the API's own tests. */
final class TestBackends {
    private TestBackends() {
    }

    /** A backend whose core kernels are simple loops and which counts allocations and kernel calls. */
    static final class Counting extends Backend {
        final AtomicInteger allocations = new AtomicInteger();
        final AtomicInteger kernelCalls = new AtomicInteger();
        private final String name;

        Counting(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        protected Tensor allocate(Shape shape, DType dtype) {
            allocations.incrementAndGet();
            return super.allocate(shape, dtype);
        }

        @Override
        protected void matmulKernel(Tensor a, Tensor b, Tensor out, MatmulLayout l) {
            kernelCalls.incrementAndGet();
            double[] x = toDoubleArray(a);
            double[] y = toDoubleArray(b);
            double[] c = new double[out.size()];
            for (int batch = 0; batch < l.batchCount(); batch++) {
                for (int i = 0; i < l.m(); i++) {
                    for (int j = 0; j < l.n(); j++) {
                        double sum = 0;
                        for (int p = 0; p < l.k(); p++) {
                            sum += x[l.aOffset(batch) + i * l.k() + p] * y[l.bOffset(batch) + p * l.n() + j];
                        }
                        c[l.outOffset(batch) + i * l.n() + j] = sum;
                    }
                }
            }
            store(c, out);
        }

        @Override
        protected void dotKernel(Tensor a, Tensor b, Tensor out) {
            kernelCalls.incrementAndGet();
            double[] x = toDoubleArray(a);
            double[] y = toDoubleArray(b);
            double[] c = new double[out.size()];
            for (int r = 0; r < c.length; r++) {
                for (int p = 0; p < y.length; p++) {
                    c[r] += x[r * y.length + p] * y[p];
                }
            }
            store(c, out);
        }

        @Override
        protected void addKernel(Tensor a, Tensor b, Tensor out) {
            kernelCalls.incrementAndGet();
            elementwise(a, b, out, true);
        }

        @Override
        protected void multiplyKernel(Tensor a, Tensor b, Tensor out) {
            kernelCalls.incrementAndGet();
            elementwise(a, b, out, false);
        }

        private void elementwise(Tensor a, Tensor b, Tensor out, boolean add) {
            double[] x = toDoubleArray(a);
            double[] y = toDoubleArray(b);
            int[] ia = org.vecnn.spi.Broadcast.offsets(a.shape(), out.shape());
            int[] ib = org.vecnn.spi.Broadcast.offsets(b.shape(), out.shape());
            double[] c = new double[out.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = add ? x[ia[i]] + y[ib[i]] : x[ia[i]] * y[ib[i]];
            }
            store(c, out);
        }

        private static void store(double[] c, Tensor out) {
            HeapTensor heap = (HeapTensor) out;
            for (int i = 0; i < c.length; i++) {
                if (out.dtype() == DType.FLOAT32) {
                    heap.floats()[i] = (float) c[i];
                } else {
                    heap.doubles()[i] = c[i];
                }
            }
        }
    }

    /** A provider with a fixed name, priority and availability. */
    static class Fixed implements BackendProvider {
        private final String name;
        private final int priority;
        private final boolean available;

        Fixed(String name, int priority, boolean available) {
            this.name = name;
            this.priority = priority;
            this.available = available;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public Availability probe() {
            return available ? Availability.available("test") : Availability.unavailable("no such device here");
        }

        @Override
        public Backend create() {
            return new Counting(name);
        }
    }

    /** Found through the test services file: always available. */
    public static final class GoodProvider extends Fixed {
        public GoodProvider() {
            super("good", 5, true);
        }
    }

    /** Found through the test services file: its probe throws, against the contract. */
    public static final class ThrowingProbeProvider extends Fixed {
        public ThrowingProbeProvider() {
            super("throwing-probe", 100, true);
        }

        @Override
        public Availability probe() {
            throw new UnsatisfiedLinkError("no libfake in java.library.path");
        }
    }

    /** Found through the test services file: its constructor throws. */
    public static final class ThrowingConstructorProvider extends Fixed {
        public ThrowingConstructorProvider() {
            super("never", 200, true);
            throw new IllegalStateException("constructor failed");
        }
    }
}
