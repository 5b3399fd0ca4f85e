package org.vecnn.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.vecnn.Shape;
import org.vecnn.ShapeException;

class BroadcastTest {

    @Test
    void followsNumpyRules() {
        assertThat(Broadcast.shape("add", Shape.of(3, 1), Shape.of(1, 4))).isEqualTo(Shape.of(3, 4));
        assertThat(Broadcast.shape("add", Shape.of(8, 1, 6, 1), Shape.of(7, 1, 5))).isEqualTo(Shape.of(8, 7, 6, 5));
        assertThat(Broadcast.shape("add", Shape.scalar(), Shape.of(0))).isEqualTo(Shape.of(0));
        assertThat(Broadcast.shape("add", Shape.of(1), Shape.of(0))).isEqualTo(Shape.of(0));
        assertThatThrownBy(() -> Broadcast.shape("add", Shape.of(2, 3), Shape.of(4)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("add: operands could not be broadcast together with shapes (2,3) (4,)");
        assertThatThrownBy(() -> Broadcast.shape("add", Shape.of(0), Shape.of(2))).isInstanceOf(ShapeException.class);
    }

    @Test
    void refusesResultsBeyondTheIntRange() {
        assertThatThrownBy(() -> Broadcast.shape("multiply", Shape.of(65536, 1), Shape.of(1, 65536)))
                .isInstanceOf(ShapeException.class).hasMessageStartingWith("multiply: ")
                .hasMessageContaining("too large");
    }

    @Test
    void mapsResultElementsToOperandElements() {
        assertThat(Broadcast.offsets(Shape.of(3), Shape.of(2, 3))).containsExactly(0, 1, 2, 0, 1, 2);
        assertThat(Broadcast.offsets(Shape.of(2, 1), Shape.of(2, 3))).containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(Broadcast.offsets(Shape.scalar(), Shape.of(2, 2))).containsExactly(0, 0, 0, 0);
        assertThat(Broadcast.strides(Shape.of(2, 1, 3), Shape.of(4, 2, 5, 3))).containsExactly(0, 3, 0, 1);
        assertThatThrownBy(() -> Broadcast.strides(Shape.of(2), Shape.of(3))).isInstanceOf(ShapeException.class);
    }

    @Test
    void walksRowsForKernelsWithContiguousInnerLoops() {
        Shape result = Shape.of(2, 3, 4);
        assertThat(Broadcast.rowStarts(Shape.of(4), result)).containsExactly(0, 0, 0, 0, 0, 0);
        assertThat(Broadcast.rowStride(Shape.of(4), result)).isEqualTo(1);
        assertThat(Broadcast.rowStarts(Shape.of(3, 1), result)).containsExactly(0, 1, 2, 0, 1, 2);
        assertThat(Broadcast.rowStride(Shape.of(3, 1), result)).isZero();
        assertThat(Broadcast.rowStarts(Shape.of(2, 1, 4), result)).containsExactly(0, 0, 0, 4, 4, 4);
        assertThat(Broadcast.rowStarts(Shape.scalar(), Shape.scalar())).containsExactly(0);
        assertThat(Broadcast.rowStarts(Shape.of(3), Shape.of(0, 3))).isEmpty();
    }

    @Property(tries = 300)
    void rowWalkReadsWhatOffsetsSay(@ForAll("shapes") Shape a, @ForAll("shapes") Shape b) {
        if (!Broadcast.compatible(a, b)) {
            return;
        }
        Shape result = Broadcast.shape("add", a, b);
        int[] offsets = Broadcast.offsets(a, result);
        int[] starts = Broadcast.rowStarts(a, result);
        int stride = Broadcast.rowStride(a, result);
        int rowLength = result.rank() == 0 ? 1 : result.dim(-1);
        for (int row = 0; row < starts.length; row++) {
            for (int j = 0; j < rowLength; j++) {
                assertThat(starts[row] + j * stride).isEqualTo(offsets[row * rowLength + j]);
            }
        }
    }

    @Test
    void describesMatmulLikeNumpy() {
        ProductPlan l = ProductPlan.matmul("matmul", Shape.of(2, 1, 3, 4), Shape.of(5, 4, 6));
        assertThat(l.resultShape()).isEqualTo(Shape.of(2, 5, 3, 6));
        assertThat(l.batchCount()).isEqualTo(10);
        assertThat(l.m()).isEqualTo(3);
        assertThat(l.k()).isEqualTo(4);
        assertThat(l.n()).isEqualTo(6);
        assertThat(l.aOffset(4)).isZero();
        assertThat(l.aOffset(5)).isEqualTo(12);
        assertThat(l.bOffset(6)).isEqualTo(24);
        assertThat(l.outOffset(7)).isEqualTo(7 * 18);
        assertThat(ProductPlan.matmul("matmul", Shape.of(3), Shape.of(3)).resultShape()).isEqualTo(Shape.scalar());
        assertThat(ProductPlan.matmul("matmul", Shape.of(3), Shape.of(2, 3, 4)).resultShape()).isEqualTo(Shape.of(2, 4));
        assertThat(ProductPlan.matmul("matmul", Shape.of(2, 2, 3), Shape.of(3)).resultShape()).isEqualTo(Shape.of(2, 2));
        assertThatThrownBy(() -> ProductPlan.matmul("matmul", Shape.of(2, 3), Shape.of(4, 5)))
                .hasMessage("matmul: shapes (2,3) and (4,5) are not aligned: 3 (dim 1) != 4 (dim 0)");
        assertThatThrownBy(() -> ProductPlan.matmul("matmul", Shape.of(2, 2, 3), Shape.of(3, 3, 4)))
                .hasMessageContaining("batch dimensions").hasMessageContaining("(2,) (3,)");
    }

    @Test
    void describesDotLikeNumpy() {
        assertThat(Broadcast.dot("dot", Shape.of(2, 3), Shape.of(4, 3, 5))).isEqualTo(Shape.of(2, 4, 5));
        assertThat(Broadcast.dot("dot", Shape.of(2, 4, 3), Shape.of(3))).isEqualTo(Shape.of(2, 4));
        assertThat(Broadcast.dot("dot", Shape.of(3), Shape.of(3))).isEqualTo(Shape.scalar());
        assertThatThrownBy(() -> Broadcast.dot("dot", Shape.of(2, 3), Shape.of(4)))
                .hasMessage("dot: shapes (2,3) and (4,) are not aligned: 3 (dim 1) != 4 (dim 0)");
    }

    @Property(tries = 500)
    void isSymmetricAndAgreesWithCompatible(@ForAll("shapes") Shape a, @ForAll("shapes") Shape b) {
        boolean compatible = Broadcast.compatible(a, b);
        assertThat(Broadcast.compatible(b, a)).isEqualTo(compatible);
        if (compatible) {
            Shape result = Broadcast.shape("add", a, b);
            assertThat(Broadcast.shape("add", b, a)).isEqualTo(result);
            assertThat(result.rank()).isEqualTo(Math.max(a.rank(), b.rank()));
            int[] offsets = Broadcast.offsets(a, result);
            assertThat(offsets).hasSize(result.size());
            for (int offset : offsets) {
                assertThat(offset).isBetween(0, Math.max(0, a.size() - 1));
            }
        } else {
            assertThatThrownBy(() -> Broadcast.shape("add", a, b)).isInstanceOf(ShapeException.class);
        }
    }

    @Property(tries = 300)
    void everyOperandElementIsReadWhenNothingIsEmpty(@ForAll("shapes") Shape a) {
        Shape result = Broadcast.shape("add", a, Shape.of(2, 1, 1, 1, 1));
        if (result.size() > 0) {
            assertThat(Broadcast.offsets(a, result)).contains(rangeOf(a.size()));
        }
    }

    private static int[] rangeOf(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    @Provide
    Arbitrary<Shape> shapes() {
        return Arbitraries.integers().between(0, 3).list().ofMaxSize(4)
                .map(dims -> Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()));
    }
}
