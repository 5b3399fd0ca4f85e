package org.vecnn.nn;

/** One dense layer as defined: its width, activation and initialiser. */
final class LayerSpec {
    final int units;
    final Activation activation;
    final Initializer initializer;

    LayerSpec(int units, Activation activation, Initializer initializer) {
        this.units = units;
        this.activation = activation;
        this.initializer = initializer;
    }
}
