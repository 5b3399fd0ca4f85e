package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The user API's value types depend on nothing in the SPI: {@code org.vecnn.spi} uses them, never the other way,
 * so the broadcast rules live in {@link Shape} and the SPI's plans call them.
 */
class PackageDependencyTest {

    private static final Path SOURCES = Path.of("src/main/java/org/vecnn");

    @Test
    void valueTypesNameNothingFromTheSpi() throws IOException {
        for (String type : List.of("Shape", "ShapeException", "DType", "UnaryOp")) {
            String source = Files.readString(SOURCES.resolve(type + ".java"));
            assertThat(source).as(type + ".java").doesNotContain("org.vecnn.spi");
        }
    }

    @Test
    void broadcastRulesAreShapes() {
        assertThat(Shape.broadcast("add", Shape.of(3, 1), Shape.of(1, 4))).isEqualTo(Shape.of(3, 4));
        assertThat(Shape.broadcastable(Shape.of(2, 3), Shape.of(4))).isFalse();
        assertThat(org.vecnn.spi.Broadcast.shape("add", Shape.of(8, 1, 6, 1), Shape.of(7, 1, 5)))
                .isEqualTo(Shape.broadcast(Shape.of(8, 1, 6, 1), Shape.of(7, 1, 5)));
    }
}
