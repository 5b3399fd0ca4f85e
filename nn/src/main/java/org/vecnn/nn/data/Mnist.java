package org.vecnn.nn.data;

import org.vecnn.nn.Dataset;
import java.io.IOException;
import java.nio.file.Path;

/**
 * MNIST (or Fashion-MNIST, or any IDX pair shaped like it) as a {@link Dataset}: an images file of n images of
 * rows x columns unsigned bytes, scaled to [0, 1], and a labels file of n labels in 0..9.
 */
public final class Mnist {
    /** The number of classes. */
    public static final int CLASSES = 10;

    private Mnist() {
    }

    /**
     * Reads {@code images} (e.g. {@code train-images-idx3-ubyte[.gz]}) and {@code labels}
     * ({@code train-labels-idx1-ubyte[.gz]}).
     *
     * @throws IOException if a file is not valid IDX, or the two do not describe the same images
     */
    public static Dataset load(Path images, Path labels) throws IOException {
        Idx x = Idx.read(images);
        Idx y = Idx.read(labels);
        int[] dims = x.dims();
        if (x.type() != Idx.UNSIGNED_BYTE || dims.length != 3) {
            throw new DataFileException(images + ": expected unsigned-byte images of rank 3 (n, rows, columns), got type 0x"
                    + Integer.toHexString(x.type()) + " of rank " + dims.length);
        }
        if (y.type() != Idx.UNSIGNED_BYTE || y.dims().length != 1) {
            throw new DataFileException(labels + ": expected unsigned-byte labels of rank 1");
        }
        int n = dims[0];
        if (y.size() != n) {
            throw new DataFileException(labels + ": " + y.size() + " labels for the " + n + " images of " + images);
        }
        int pixels = dims[1] * dims[2];
        float[] features = x.values();
        for (int i = 0; i < features.length; i++) {
            features[i] /= 255f;
        }
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = (int) y.value(i);
            if (classes[i] >= CLASSES) {
                throw new DataFileException(labels + ": label " + classes[i] + " of image " + i + " is not a digit 0-9");
            }
        }
        return Dataset.classification(features, pixels, classes, CLASSES);
    }
}
