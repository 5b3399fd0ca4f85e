package org.vecnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vecnn.Backend;
import org.vecnn.Backends;
import org.vecnn.Tensor;

/** An Mlp releases the backend memory it holds: evicted batch sizes' workspaces, and everything on close. */
class MlpCloseTest {
    private final Backend loops = Backends.get("loops");

    private Mlp net() {
        return Mlp.builder().input(2).dense(3, Activation.RELU).dense(2, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.adam(0.01)).seed(7).build(loops);
    }

    @Test
    void anEvictedWorkspaceIsClosed() {
        Mlp net = net();
        Workspace first = net.workspace(1);
        for (int rows = 2; rows <= 6; rows++) {
            net.workspace(rows);
        }
        assertThat(first.batch.x.isClosed()).as("six sizes are kept").isFalse();
        net.workspace(7);
        assertThat(first.batch.x.isClosed()).isTrue();
        assertThat(first.output().a.isClosed()).isTrue();
        assertThat(net.workspace(2).batch.x.isClosed()).isFalse();
        Tensor x = loops.fromArray(new float[] {1, 2}, 1, 2);
        assertThat(net.predict(x).shape().dim(1)).as("the evicted size is made again").isEqualTo(2);
    }

    @Test
    void closeReleasesEverythingAndRefusesLaterWork() {
        Mlp net = net();
        Tensor x = loops.fromArray(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor before = net.predict(x);
        Workspace ws = net.workspace(2);
        net.close();
        net.close();
        assertThat(net.isClosed()).isTrue();
        assertThat(ws.batch.x.isClosed()).isTrue();
        assertThat(net.parameters()).allMatch(Tensor::isClosed);
        assertThat(net.gradients()).allMatch(Tensor::isClosed);
        assertThat(before.isClosed()).as("a prediction belongs to the caller").isFalse();
        assertThatThrownBy(() -> net.predict(x)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("predict").hasMessageContaining("closed");
        assertThat(net.toString()).contains("dense(3, relu)");
    }
}
