package org.vecnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecnn.Backends;
import org.vecnn.DType;

/**
 * Each optimizer, after three full-batch steps on a linear model with MSE, leaves exactly the parameters a
 * plain host implementation of its textbook formula computes (FLOAT64, to 1e-12).
 */
class OptimizerTest {
    private static final int N = 5;
    private static final int IN = 3;
    private static final int OUT = 2;
    private static final int STEPS = 3;

    private final float[] x;
    private final float[] y;

    OptimizerTest() {
        SplittableRandom random = new SplittableRandom(11);
        x = GradientCheckTest.uniform(random, N * IN, -1, 1);
        y = GradientCheckTest.uniform(random, N * OUT, -1, 1);
    }

    @Test
    void sgd() {
        check(Optimizer.sgd(0.1));
    }

    @Test
    void sgdWithWeightDecay() {
        check(Optimizer.sgd(0.1).withWeightDecay(0.05));
    }

    @Test
    void momentum() {
        check(Optimizer.momentum(0.1, 0.9));
    }

    @Test
    void momentumWithWeightDecay() {
        check(Optimizer.momentum(0.05, 0.8).withWeightDecay(0.01));
    }

    @Test
    void adam() {
        check(Optimizer.adam(0.01));
    }

    @Test
    void adamWithWeightDecay() {
        check(Optimizer.adam(0.02, 0.8, 0.95, 1e-6).withWeightDecay(0.1));
    }

    private void check(Optimizer optimizer) {
        Mlp net = Mlp.builder().input(IN).dense(OUT, Activation.IDENTITY).loss(Loss.MSE).optimizer(optimizer)
                .dtype(DType.FLOAT64).seed(5).build(Backends.get("loops"));
        double[] w = net.weights(0);
        double[] b = net.biases(0);
        double[][] wState = new double[2][w.length];
        double[][] bState = new double[2][b.length];
        for (int t = 1; t <= STEPS; t++) {
            double[] dz = new double[N * OUT];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < OUT; j++) {
                    double z = b[j];
                    for (int k = 0; k < IN; k++) {
                        z += x[i * IN + k] * w[k * OUT + j];
                    }
                    dz[i * OUT + j] = 2 * (z - y[i * OUT + j]) / (N * OUT);
                }
            }
            double[] dw = new double[w.length];
            double[] db = new double[b.length];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < OUT; j++) {
                    db[j] += dz[i * OUT + j];
                    for (int k = 0; k < IN; k++) {
                        dw[k * OUT + j] += x[i * IN + k] * dz[i * OUT + j];
                    }
                }
            }
            step(optimizer, w, dw, wState, t, optimizer.weightDecay());
            step(optimizer, b, db, bState, t, 0);
        }
        net.fit(Dataset.regression(x, IN, y, OUT), Fit.epochs(STEPS).batchSize(N));
        double[] actualW = net.weights(0);
        double[] actualB = net.biases(0);
        for (int i = 0; i < w.length; i++) {
            assertThat(actualW[i]).as("weight %d", i).isCloseTo(w[i], within(1e-12));
        }
        for (int j = 0; j < b.length; j++) {
            assertThat(actualB[j]).as("bias %d", j).isCloseTo(b[j], within(1e-12));
        }
    }

    private static void step(Optimizer o, double[] p, double[] g, double[][] state, int t, double decay) {
        for (int i = 0; i < p.length; i++) {
            double grad = g[i] + decay * p[i];
            switch (o.kind()) {
                case SGD:
                    p[i] -= o.learningRate() * grad;
                    break;
                case MOMENTUM:
                    state[0][i] = o.beta1() * state[0][i] + grad;
                    p[i] -= o.learningRate() * state[0][i];
                    break;
                default:
                    state[0][i] = o.beta1() * state[0][i] + (1 - o.beta1()) * grad;
                    state[1][i] = o.beta2() * state[1][i] + (1 - o.beta2()) * grad * grad;
                    double mHat = state[0][i] / (1 - Math.pow(o.beta1(), t));
                    double vHat = state[1][i] / (1 - Math.pow(o.beta2(), t));
                    p[i] -= o.learningRate() * mHat / (Math.sqrt(vHat) + o.epsilon());
                    break;
            }
        }
    }
}
