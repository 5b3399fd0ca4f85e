package org.vecnn;

/**
 * Thrown when an operation is given an argument it cannot accept. The message names the operation
 * first ({@code "matmul: ..."}) and, where shapes are involved, every shape in NumPy notation.
 * Nothing has been allocated or computed when it is thrown.
 */
public class TensorArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that starts with the operation's name. */
    public TensorArgumentException(String message) {
        super(message);
    }
}
