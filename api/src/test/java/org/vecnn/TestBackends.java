package org.vecnn;

import org.vecnn.spi.Availability;
import org.vecnn.spi.BackendProvider;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.HostArray;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.ProductPlan;
import org.vecnn.spi.Storage;

import java.util.concurrent.atomic.AtomicInteger;

/** Small backends and providers for the API's own tests. */
final class TestBackends {
    private TestBackends() {
    }

    /** Kernels whose core is simple loops and which count allocations and kernel calls. */
    static class Counting extends Kernels {
        final AtomicInteger allocations = new AtomicInteger();
        final AtomicInteger kernelCalls = new AtomicInteger();

        @Override
        public Storage allocate(int size, DType dtype) {
            allocations.incrementAndGet();
            return super.allocate(size, dtype);
        }

        @Override
        public void matmul(ProductPlan plan, Storage a, Storage b, Storage out) {
            kernelCalls.incrementAndGet();
            HostArray x = host(a);
            HostArray y = host(b);
            HostArray c = host(out);
            for (int t = 0; t < plan.batchCount(); t++) {
                for (int i = 0; i < plan.m(); i++) {
                    for (int j = 0; j < plan.n(); j++) {
                        double sum = 0;
                        for (int p = 0; p < plan.k(); p++) {
                            sum += x.get(plan.a(t, i, p)) * y.get(plan.b(t, p, j));
                        }
                        c.set(plan.out(t, i, j), sum);
                    }
                }
            }
            out.write(c);
        }

        @Override
        public void dot(ProductPlan plan, Storage a, Storage b, Storage out) {
            matmul(plan, a, b, out);
        }

        @Override
        public void add(BroadcastPlan plan, Storage a, Storage b, Storage out) {
            elementwise(plan, a, b, out, true);
        }

        @Override
        public void multiply(BroadcastPlan plan, Storage a, Storage b, Storage out) {
            elementwise(plan, a, b, out, false);
        }

        private void elementwise(BroadcastPlan plan, Storage a, Storage b, Storage out, boolean add) {
            kernelCalls.incrementAndGet();
            HostArray x = host(a);
            HostArray y = host(b);
            HostArray c = HostArray.zeros(out.dtype(), out.size());
            for (int r = 0; r < plan.rows(); r++) {
                for (int col = 0; col < plan.columns(); col++) {
                    double u = x.get(plan.aRowStart(r) + col * plan.aColumnStep());
                    double v = y.get(plan.bRowStart(r) + col * plan.bColumnStep());
                    c.set(r * plan.columns() + col, add ? u + v : u * v);
                }
            }
            out.write(c);
        }

        private static HostArray host(Storage s) {
            HostArray h = HostArray.zeros(s.dtype(), s.size());
            s.read(h);
            return h;
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
        public Kernels create() {
            return new Counting();
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
