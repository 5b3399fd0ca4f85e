package org.vecnn;

/**
 * Thrown when shapes do not fit an operation or are not valid shapes at all: operands that cannot be
 * broadcast together, matmul operands that are not aligned, a negative dimension, an element count
 * beyond the int range, data whose length does not match its shape, an axis out of range.
 */
public class ShapeException extends TensorArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the operation and the shapes. */
    public ShapeException(String message) {
        super(message);
    }
}
