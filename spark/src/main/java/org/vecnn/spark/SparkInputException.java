package org.vecnn.spark;

/**
 * The training data does not suit the network: a missing or mistyped column, a feature vector of the wrong
 * width, a label that is not one of the network's classes, a null, NaN or infinite value. The message names the
 * column and, for a bad value, the partition and the row within it.
 */
public class SparkInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public SparkInputException(String message) {
        super(message);
    }

    /** Creates the exception with its message and the failure that carried it to the driver. */
    public SparkInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
