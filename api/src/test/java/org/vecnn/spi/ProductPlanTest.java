package org.vecnn.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vecnn.Shape;

class ProductPlanTest {

    @Test
    void aStackOfInputsTimesSharedWeightsIsOneTallerProduct() {
        assertThat(ProductPlan.matmul("matmul", Shape.of(2, 3, 4), Shape.of(4, 5)).stacksRowsOverOneRightMatrix())
                .isTrue();
        assertThat(ProductPlan.matmul("matmul", Shape.of(3, 4), Shape.of(4, 5)).stacksRowsOverOneRightMatrix())
                .isTrue();
    }

    @Test
    void aBatchOfRightMatricesOrABroadcastLeftOneIsNot() {
        assertThat(ProductPlan.matmul("matmul", Shape.of(2, 3, 4), Shape.of(2, 4, 5)).stacksRowsOverOneRightMatrix())
                .isFalse();
        assertThat(ProductPlan.matmul("matmul", Shape.of(3, 4), Shape.of(2, 4, 5)).stacksRowsOverOneRightMatrix())
                .isFalse();
        assertThat(ProductPlan.matmul("matmul", Shape.of(1, 3, 4), Shape.of(2, 4, 5)).stacksRowsOverOneRightMatrix())
                .isFalse();
    }

    @Test
    void aTransposedProductIsNot() {
        assertThat(ProductPlan.transposed("matmul", Shape.of(4, 3), Shape.of(4, 5), true, false)
                .stacksRowsOverOneRightMatrix()).isFalse();
    }
}
