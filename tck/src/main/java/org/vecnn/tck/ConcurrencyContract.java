package org.vecnn.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vecnn.DType;
import org.vecnn.Shape;

/** One backend instance shared by eight threads gives every thread the right answers, and does not hang. */
interface ConcurrencyContract extends TckContext {
    int THREADS = 8;
    int ROUNDS = 40;

    @Test
    default void eightThreadsShareOneBackend() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = seedFor("threads/" + t);
                futures.add(pool.submit(() -> {
                    start.await();
                    runRounds(seed);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void runRounds(long seed) {
        Cases cases = new Cases(seed);
        Oracle oracle = oracle();
        List<DType> dtypes = supportedDTypes();
        for (int round = 0; round < ROUNDS; round++) {
            DType dtype = dtypes.get(round % dtypes.size());
            int m = 1 + cases.nextInt(48);
            int k = 1 + cases.nextInt(48);
            int n = 1 + cases.nextInt(48);
            Shape a = Shape.of(m, k);
            Shape b = Shape.of(k, n);
            oracle.checkBinary(Op.MATMUL, dtype, a, cases.values(a.size(), dtype), b, cases.values(b.size(), dtype));
            Shape row = Shape.of(k);
            oracle.checkBinary(Op.ADD, dtype, a, cases.values(a.size(), dtype), row, cases.values(k, dtype));
            oracle.checkBinary(Op.MULTIPLY, dtype, a, cases.values(a.size(), dtype), a, cases.values(a.size(), dtype));
            oracle.checkBinary(Op.DOT, dtype, a, cases.values(a.size(), dtype), row, cases.values(k, dtype));
        }
    }
}
