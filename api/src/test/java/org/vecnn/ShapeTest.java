package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void printsLikeNumpy() {
        assertThat(Shape.scalar()).hasToString("()");
        assertThat(Shape.of(4)).hasToString("(4,)");
        assertThat(Shape.of(2, 3)).hasToString("(2,3)");
        assertThat(Shape.of(0, 1, 5)).hasToString("(0,1,5)");
    }

    @Test
    void countsElements() {
        assertThat(Shape.scalar().size()).isEqualTo(1);
        assertThat(Shape.of(2, 3, 4).size()).isEqualTo(24);
        assertThat(Shape.of(3, 0, 5).size()).isZero();
        assertThat(Shape.of(Integer.MAX_VALUE).size()).isEqualTo(Integer.MAX_VALUE);
        assertThat(Shape.of(0, Integer.MAX_VALUE, Integer.MAX_VALUE).size()).isZero();
    }

    @Test
    void rejectsNegativeDimensionsAndOverflow() {
        assertThatThrownBy(() -> Shape.of(3, -2)).isInstanceOf(ShapeException.class)
                .hasMessage("shape: negative dimension -2 in (3,-2)");
        assertThatThrownBy(() -> Shape.of(65536, 32768)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("(65536,32768)").hasMessageContaining("2147483647");
        assertThatThrownBy(() -> Shape.of(1 << 20, 1 << 20, 1 << 20, 1 << 20)).isInstanceOf(ShapeException.class);
    }

    @Test
    void copiesItsDimensionsInAndOut() {
        int[] dims = {2, 3};
        Shape shape = Shape.of(dims);
        dims[0] = 99;
        assertThat(shape.dim(0)).isEqualTo(2);
        shape.dims()[1] = 99;
        assertThat(shape.dim(1)).isEqualTo(3);
    }

    @Test
    void addressesAxesFromEitherEnd() {
        Shape shape = Shape.of(2, 3, 4);
        assertThat(shape.dim(-1)).isEqualTo(4);
        assertThat(shape.dim(-3)).isEqualTo(2);
        assertThat(shape.axis("sum", -2)).isEqualTo(1);
        assertThatThrownBy(() -> shape.axis("sum", 3)).isInstanceOf(ShapeException.class)
                .hasMessage("sum: axis 3 is out of bounds for shape (2,3,4) of rank 3");
        assertThatThrownBy(() -> shape.dim(-4)).isInstanceOf(ShapeException.class);
    }

    @Test
    void hasRowMajorStrides() {
        assertThat(Shape.of(2, 3, 4).strides()).containsExactly(12, 4, 1);
        assertThat(Shape.scalar().strides()).isEmpty();
    }

    @Test
    void reducesAnAxis() {
        assertThat(Shape.of(2, 3, 4).reduce("sum", 1, false)).isEqualTo(Shape.of(2, 4));
        assertThat(Shape.of(2, 3, 4).reduce("sum", -1, true)).isEqualTo(Shape.of(2, 3, 1));
        assertThat(Shape.of(5).reduce("sum", 0, false)).isEqualTo(Shape.scalar());
    }

    @Test
    void comparesByDimensions() {
        assertThat(Shape.of(2, 3)).isEqualTo(Shape.of(2, 3)).hasSameHashCodeAs(Shape.of(2, 3));
        assertThat(Shape.of(2, 3)).isNotEqualTo(Shape.of(3, 2));
        assertThat(Shape.of()).isEqualTo(Shape.scalar());
    }
}
