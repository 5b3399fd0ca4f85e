package org.vecnn;


/** The argument checks every {@link Backend} operation runs before it allocates or calls a kernel. */
final class Checks {
    private Checks() {
    }

    static <T> T notNull(String op, String role, T value) {
        if (value == null) {
            throw new TensorArgumentException(op + ": " + role + " is null");
        }
        return value;
    }

    /** {@code t} is not null and lives on {@code backend}. */
    static Tensor operand(Backend backend, String op, String role, Tensor t) {
        notNull(op, role, t);
        if (t.isClosed()) {
            throw new TensorArgumentException(op + ": " + role + " " + t.describe() + " was closed; its memory is released");
        }
        if (t.backend() != backend) {
            throw new IncompatibleTensorsException(op + ": " + role + " " + t + " lives on backend '"
                    + t.backend().name() + "', not '" + backend.name() + "'; copy it over with "
                    + role + ".to(backend)");
        }
        return t;
    }

    /** Both operands live on {@code backend} and share a dtype. */
    static void operands(Backend backend, String op, Tensor a, Tensor b) {
        operand(backend, op, "a", a);
        operand(backend, op, "b", b);
        if (a.dtype() != b.dtype()) {
            throw new IncompatibleTensorsException(op + ": operands have different dtypes, " + a.dtype().numpyName()
                    + " " + a.shape() + " and " + b.dtype().numpyName() + " " + b.shape()
                    + "; convert one with t.as(DType." + DType.FLOAT64 + ") or t.as(DType." + DType.FLOAT32 + ")");
        }
    }

    /** {@code out} lives on {@code backend} and has exactly the result's shape and dtype. */
    static void output(Backend backend, String op, Tensor out, Shape shape, DType dtype) {
        operand(backend, op, "out", out);
        if (out.dtype() != dtype) {
            throw new IncompatibleTensorsException(op + ": out has dtype " + out.dtype().numpyName()
                    + " but the result is " + dtype.numpyName() + "; allocate out with DType." + dtype);
        }
        if (!out.shape().equals(shape)) {
            throw new ShapeException(op + ": out has shape " + out.shape() + " but the result has shape " + shape);
        }
    }

    /**
     * {@code out} shares memory with none of {@code inputs}: the operation reads its inputs after writing parts of
     * {@code out}. Decided by memory, not by object: a view ({@link Tensor#reshape}) spans all of its base's
     * storage, so a view of an operand, a view of a view, and an operand that is a view of {@code out} all overlap.
     */
    static void notAliased(String op, Tensor out, Tensor... inputs) {
        for (Tensor input : inputs) {
            if (Tensor.sharesMemory(input, out)) {
                String how = input == out ? "is one of the operands"
                        : "shares memory with an operand (a view of it, or it a view of out)";
                throw new TensorArgumentException(op + ": out " + out.describe() + " " + how + ", operand "
                        + input.describe() + "; the operation reads its operands after writing out, so write into"
                        + " a tensor of its own");
            }
        }
    }

    static void sameShape(String op, Tensor a, Tensor b) {
        if (!a.shape().equals(b.shape())) {
            throw new ShapeException(op + ": shapes " + a.shape() + " " + b.shape() + " must be equal");
        }
    }

    static void supported(Backend backend, String op, DType dtype) {
        notNull(op, "dtype", dtype);
        if (!backend.capabilities().supports(dtype)) {
            throw new IncompatibleTensorsException(op + ": backend '" + backend.name() + "' does not run "
                    + dtype.numpyName() + " (it runs " + backend.capabilities().dtypes()
                    + "); use another dtype or another backend");
        }
    }

    private static final long ALWAYS_ALLOWED_BYTES = 1 << 20;

    /**
     * A new tensor of {@code shape} and {@code dtype} fits the backend: its per-tensor element limit, and the
     * memory it can allocate now (asking for one garbage collection before refusing). Checked before anything
     * is allocated; the message names the operation, the shape, the bytes and the limit.
     */
    static void allocatable(Backend backend, String op, Shape shape, DType dtype) {
        long elements = backend.maxElements(dtype);
        if (shape.size() > elements) {
            throw new TensorArgumentException(op + ": a " + dtype.numpyName() + " result of shape " + shape + " has "
                    + shape.size() + " elements, more than backend '" + backend.name() + "' holds in one tensor ("
                    + elements + ")");
        }
        long bytes = (long) shape.size() * dtype.byteSize();
        if (bytes <= ALWAYS_ALLOWED_BYTES) {
            return;
        }
        long limit = backend.allocationLimit(dtype);
        if (bytes > limit) {
            System.gc();
            limit = backend.allocationLimit(dtype);
        }
        if (bytes > limit) {
            throw new TensorArgumentException(op + ": a " + dtype.numpyName() + " result of shape " + shape
                    + " needs " + bytes + " bytes (" + mib(bytes) + "), more than backend '" + backend.name()
                    + "' can allocate now: " + limit + " bytes (" + mib(limit) + ", "
                    + backend.allocationLimitSource(dtype) + ")");
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    static void dataLength(String op, int length, Shape shape) {
        if (length != shape.size()) {
            throw new ShapeException(op + ": data of length " + length + " does not fit shape " + shape
                    + " of " + shape.size() + " elements");
        }
    }

    /** That {@code [offset, offset + shape.size())} lies within an array of {@code length} elements. */
    static void range(String op, int length, int offset, Shape shape) {
        if (offset < 0 || (long) offset + shape.size() > length) {
            throw new TensorArgumentException(op + ": elements [" + offset + ", " + ((long) offset + shape.size())
                    + ") for shape " + shape + " do not lie within an array of " + length);
        }
    }

    static int flatIndex(String op, Shape shape, int[] index) {
        notNull(op, "index", index);
        if (index.length != shape.rank()) {
            throw new TensorArgumentException(op + ": " + index.length + " indices for shape " + shape
                    + " of rank " + shape.rank());
        }
        int[] strides = shape.strides();
        int flat = 0;
        for (int axis = 0; axis < index.length; axis++) {
            int size = shape.dim(axis);
            int i = index[axis] < 0 ? index[axis] + size : index[axis];
            if (i < 0 || i >= size) {
                throw new TensorArgumentException(op + ": index " + index[axis] + " is out of bounds for axis "
                        + axis + " with size " + size + " of shape " + shape);
            }
            flat += i * strides[axis];
        }
        return flat;
    }

    static void rankAtLeast(String op, Tensor t, int rank) {
        if (t.rank() < rank) {
            throw new ShapeException(op + ": needs rank " + rank + " or more, got shape " + t.shape());
        }
    }

    static void matrix(String op, String role, Tensor t) {
        if (t.rank() != 2) {
            throw new ShapeException(op + ": " + role + " must be 2-D, got shape " + t.shape());
        }
    }
}
