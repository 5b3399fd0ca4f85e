package org.vecnn;

/**
 * Thrown when tensors that cannot meet are combined: tensors of two backends or of two dtypes, or a dtype
 * the backend does not run. vecnn never converts silently; the message says how to convert
 * ({@link Tensor#to(Backend)}, {@link Tensor#as(DType)}).
 */
public class IncompatibleTensorsException extends TensorArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the operation and says how to convert. */
    public IncompatibleTensorsException(String message) {
        super(message);
    }
}
