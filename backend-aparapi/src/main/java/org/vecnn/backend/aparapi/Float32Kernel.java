package org.vecnn.backend.aparapi;

import com.aparapi.Kernel;

/**
 * The FLOAT32 arena kernel: every operation of the backend on one device buffer, {@link #mem}. Aparapi
 * translates {@link #run()} and the private methods it calls to OpenCL C, so they use only primitives,
 * arrays, loops and branches (no lambdas, no interface or virtual calls, no objects). Aparapi translates
 * concrete element types only:
 * {@code Float64Kernel} is generated from {@code Float32Kernel} by tools/Twins.java, changing only the element type.
 *
 * <p>Products accumulate one rounded multiply and one rounded add per term, in separate statements so that
 * OpenCL's default {@code FP_CONTRACT} cannot fuse them into an {@code fma}.
 */
final class Float32Kernel extends Kernel implements ArenaKernel {
    /** The arena: every tensor of this dtype is a slice of it. */
    float[] mem;
    /** Staging for uploads and downloads. */
    float[] io = new float[1];
    /** Instructions up to this length share one buffer. */
    private static final int INSTRUCTION_CAPACITY = 256;
    /** The instruction (see {@link Ops}). */
    int[] ints = new int[INSTRUCTION_CAPACITY];
    /** ARGMAX results. */
    int[] indices = new int[1];
    /** The scalar operand. */
    float scalar;
    /** Edge of the square matmul tile. */
    int tile;
    /**
     * The number 2, computed in the constructor: a {@code double} literal other than 0 and 1 puts a
     * CONSTANT_Double in the class file, whose unused second slot Aparapi's class parser asks bcel 6.6+ for,
     * and bcel refuses; the FLOAT64 kernel would then fail to compile.
     */
    float two;

    @Local float[] tileA;
    @Local float[] tileB;
    @Local float[] redValue;
    @Local int[] redIndex;

    /**
     * @param capacity  initial arena size in elements
     * @param tile      matmul tile edge; launches use {@code tile x tile} work-groups
     * @param groupSize reduction work-group size, a power of two
     */
    Float32Kernel(int capacity, int tile, int groupSize) {
        this.mem = new float[capacity];
        this.tile = tile;
        this.two = 1.0f;
        this.two = two + two;
        this.tileA = new float[tile * tile];
        this.tileB = new float[tile * tile];
        this.redValue = new float[groupSize];
        this.redIndex = new int[groupSize];
    }

    @Override
    public void run() {
        int op = ints[Ops.OP];
        if (op == Ops.MATMUL) {
            matmul();
        } else if (op == Ops.REDUCE) {
            reduce();
        } else {
            int i = getGlobalId(0) + ints[Ops.FIRST];
            if (i < ints[Ops.SIZE]) {
                elementwise(op, i);
            }
        }
    }

    private void elementwise(int op, int i) {
        int out = ints[Ops.OUT] + i;
        if (op <= Ops.DIVIDE) {
            binary(op, i, out);
        } else if (op == Ops.MAP) {
            mem[out] = function(ints[Ops.FUNCTION], mem[ints[Ops.A] + i], scalar);
        } else if (op == Ops.SCALE) {
            mem[out] = scalar * mem[ints[Ops.A] + i];
        } else if (op == Ops.AXPY) {
            float product = scalar * mem[ints[Ops.A] + i];
            mem[out] = mem[out] + product;
        } else if (op == Ops.COPY) {
            mem[out] = mem[ints[Ops.A] + i];
        } else if (op == Ops.FILL) {
            mem[out] = scalar;
        } else if (op == Ops.TRANSPOSE) {
            int rows = ints[Ops.ROWS];
            int cols = ints[Ops.COLS];
            int matrix = rows * cols;
            int batch = i / matrix;
            int rest = i - batch * matrix;
            int c = rest / rows;
            int r = rest - c * rows;
            mem[out] = mem[ints[Ops.A] + batch * matrix + r * cols + c];
        } else if (op == Ops.COPY_OUT) {
            io[i] = mem[ints[Ops.A] + i];
        } else if (op == Ops.COPY_IN) {
            mem[out] = io[i];
        } else if (op == Ops.REDUCE_COLUMNS) {
            reduceColumn(i, out);
        }
    }

    /** Output {@code g} of a reduction along a strided axis, folded in order by one work-item (see {@link Ops#REDUCE_COLUMNS}). */
    private void reduceColumn(int g, int out) {
        int mode = ints[Ops.MODE];
        int length = ints[Ops.LENGTH];
        int inner = ints[Ops.INNER];
        int o = g / inner;
        int base = ints[Ops.A] + o * length * inner + (g - o * inner);
        float sum = 0.0f;
        float best = mem[base];
        int bestIndex = 0;
        for (int j = 0; j < length; j++) {
            float v = mem[base + j * inner];
            if (mode == Ops.SUM) {
                sum = sum + v;
            } else if (best == best && (v > best || v != v)) {
                best = v;
                bestIndex = j;
            }
        }
        if (mode == Ops.SUM) {
            mem[out] = sum;
        } else if (mode == Ops.ARGMAX) {
            indices[g] = bestIndex;
        } else {
            mem[out] = best;
        }
    }

    /** One element of a broadcast binary operation: the result index decomposed along the result's dims. */
    private void binary(int op, int i, int out) {
        int rank = ints[Ops.RANK];
        int ia = ints[Ops.A];
        int ib = ints[Ops.B];
        int rest = i;
        for (int axis = rank - 1; axis >= 0; axis--) {
            int dim = ints[Ops.DIMS + axis];
            int q = rest / dim;
            int coordinate = rest - q * dim;
            rest = q;
            ia += coordinate * ints[Ops.DIMS + rank + axis];
            ib += coordinate * ints[Ops.DIMS + 2 * rank + axis];
        }
        float x = mem[ia];
        float y = mem[ib];
        float r = 0.0f;
        if (op == Ops.ADD) {
            r = x + y;
        } else if (op == Ops.SUBTRACT) {
            r = x - y;
        } else if (op == Ops.MULTIPLY) {
            r = x * y;
        } else {
            r = x / y;
        }
        mem[out] = r;
    }

    private float function(int f, float x, float p) {
        float r = x;
        if (f == Ops.NEGATE) {
            r = -x;
        } else if (f == Ops.ABS) {
            r = abs(x);
        } else if (f == Ops.SQUARE) {
            r = x * x;
        } else if (f == Ops.SQRT) {
            r = sqrt(x);
        } else if (f == Ops.EXP) {
            r = exp(x);
        } else if (f == Ops.LOG) {
            r = log(x);
        } else if (f == Ops.RELU) {
            r = x > 0.0f || x != x ? x : 0.0f;
        } else if (f == Ops.RELU_DERIVATIVE) {
            r = x > 0.0f ? 1.0f : x != x ? x : 0.0f;
        } else if (f == Ops.LEAKY_RELU) {
            r = x > 0.0f ? x : p * x;
        } else if (f == Ops.LEAKY_RELU_DERIVATIVE) {
            r = x > 0.0f ? 1.0f : x != x ? x : p;
        } else if (f == Ops.SIGMOID) {
            r = sigmoid(x);
        } else if (f == Ops.SIGMOID_DERIVATIVE) {
            float s = sigmoid(x);
            r = s * (1.0f - s);
        } else if (f == Ops.TANH) {
            r = hyperbolicTangent(x);
        } else if (f == Ops.TANH_DERIVATIVE) {
            float t = hyperbolicTangent(x);
            float square = t * t;
            r = 1.0f - square;
        }
        return r;
    }

    private float sigmoid(float x) {
        return 1.0f / (1.0f + exp(-x));
    }

    /** tanh through expm1, accurate near 0 (Aparapi maps no tanh); keeps -0.0 and NaN as they are. */
    private float hyperbolicTangent(float x) {
        float r = x;
        if (x != 0.0f && x == x) {
            float e = expm1(-two * abs(x));
            float t = -e / (two + e);
            r = x < 0.0f ? -t : t;
        }
        return r;
    }

    /**
     * One element of a (batched, possibly transposed) matrix product: a {@code tile x tile} work-group loads a
     * tile of each operand into local memory, then every work-item accumulates its element from local memory.
     * Global range: (columns rounded up to the tile, rows rounded up to the tile, batches).
     */
    private void matmul() {
        int t = tile;
        int lc = getLocalId(0);
        int lr = getLocalId(1);
        int tileCol = getGroupId(0) * t;
        int tileRow = getGroupId(1) * t;
        int col = tileCol + lc;
        int row = tileRow + lr;
        int batch = getGlobalId(2);
        int m = ints[Ops.M];
        int k = ints[Ops.K];
        int n = ints[Ops.N];
        int batches = ints[Ops.BATCHES];
        int aBase = ints[Ops.A] + ints[Ops.OFFSETS + batch];
        int bBase = ints[Ops.B] + ints[Ops.OFFSETS + batches + batch];
        int aRow = ints[Ops.A_ROW];
        int aCol = ints[Ops.A_COL];
        int bRow = ints[Ops.B_ROW];
        int bCol = ints[Ops.B_COL];
        float sum = 0.0f;
        for (int start = 0; start < k; start += t) {
            // Neighbouring work-items (consecutive lc) load neighbouring elements: a transposed operand is loaded
            // with the roles of lr and lc swapped, so that the reads from global memory stay coalesced.
            float av = 0.0f;
            if (aCol == 1) {
                if (row < m && start + lc < k) {
                    av = mem[aBase + row * aRow + start + lc];
                }
                tileA[lr * t + lc] = av;
            } else {
                if (tileRow + lc < m && start + lr < k) {
                    av = mem[aBase + (tileRow + lc) * aRow + (start + lr) * aCol];
                }
                tileA[lc * t + lr] = av;
            }
            float bv = 0.0f;
            if (bCol == 1) {
                if (start + lr < k && col < n) {
                    bv = mem[bBase + (start + lr) * bRow + col];
                }
                tileB[lr * t + lc] = bv;
            } else {
                if (start + lc < k && tileCol + lr < n) {
                    bv = mem[bBase + (start + lc) * bRow + (tileCol + lr) * bCol];
                }
                tileB[lc * t + lr] = bv;
            }
            localBarrier();
            for (int p = 0; p < t; p++) {
                float product = tileA[lr * t + p] * tileB[p * t + lc];
                sum = sum + product;
            }
            localBarrier();
        }
        if (row < m && col < n) {
            mem[ints[Ops.OUT] + batch * ints[Ops.OUT_STEP] + row * ints[Ops.LDC] + col] = sum;
        }
    }

    /**
     * One output of a reduction per work-group: each work-item folds a strided share of the reduced axis,
     * then the group combines the partial results in local memory as a tree. MAX and ARGMAX carry the index
     * of the candidate, so the first maximum (or the first NaN) wins whatever the order of combination.
     */
    private void reduce() {
        int size = getLocalSize(0);
        int lid = getLocalId(0);
        int g = getGroupId(0) + ints[Ops.FIRST];
        int mode = ints[Ops.MODE];
        int length = ints[Ops.LENGTH];
        float best = 0.0f;
        int bestIndex = -1;
        if (g < ints[Ops.SIZE]) {
            int base = ints[Ops.A] + g * length;
            int stride = 1;
            if (mode != Ops.DOT) {
                int inner = ints[Ops.INNER];
                int o = g / inner;
                base = ints[Ops.A] + o * length * inner + (g - o * inner);
                stride = inner;
            }
            for (int j = lid; j < length; j += size) {
                float v = mem[base + j * stride];
                if (mode == Ops.DOT) {
                    v = v * mem[ints[Ops.B] + j];
                }
                if (mode == Ops.MAX || mode == Ops.ARGMAX) {
                    if (bestIndex < 0 || (best == best && (v > best || v != v))) {
                        best = v;
                        bestIndex = j;
                    }
                } else {
                    best = best + v;
                    bestIndex = j;
                }
            }
        }
        redValue[lid] = best;
        redIndex[lid] = bestIndex;
        localBarrier();
        // ("half" would be the name of a type in OpenCL C)
        for (int step = size / 2; step > 0; step = step / 2) {
            if (lid < step) {
                float a = redValue[lid];
                float b = redValue[lid + step];
                int ia = redIndex[lid];
                int ib = redIndex[lid + step];
                if (mode == Ops.MAX || mode == Ops.ARGMAX) {
                    if (replaces(a, ia, b, ib) == 1) {
                        redValue[lid] = b;
                        redIndex[lid] = ib;
                    }
                } else {
                    redValue[lid] = a + b;
                }
            }
            localBarrier();
        }
        if (lid == 0 && g < ints[Ops.SIZE]) {
            if (mode == Ops.ARGMAX) {
                indices[g] = redIndex[0];
            } else {
                mem[ints[Ops.OUT] + g] = redValue[0];
            }
        }
    }

    /** 1 if candidate {@code (b, ib)} beats {@code (a, ia)}: NaN first, then larger, ties to the lower index. */
    private int replaces(float a, int ia, float b, int ib) {
        int result = 0;
        if (ib >= 0) {
            if (ia < 0) {
                result = 1;
            } else if (a != a) {
                result = b != b && ib < ia ? 1 : 0;
            } else if (b != b || b > a) {
                result = 1;
            } else if (b == a && ib < ia) {
                result = 1;
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- host side (never translated)

    @Override
    public Kernel kernel() {
        return this;
    }

    @Override
    public int capacity() {
        return mem.length;
    }

    @Override
    public void grow(int capacity) {
        get(mem);
        float[] larger = new float[capacity];
        System.arraycopy(mem, 0, larger, 0, mem.length);
        mem = larger;
        put(mem);
    }

    @Override
    public void instruction(int[] instruction) {
        // One device buffer for every instruction that fits, rather than a new one per launch.
        if (instruction.length <= INSTRUCTION_CAPACITY) {
            if (ints.length != INSTRUCTION_CAPACITY) {
                ints = new int[INSTRUCTION_CAPACITY];
            }
            System.arraycopy(instruction, 0, ints, 0, instruction.length);
        } else {
            ints = instruction.clone();
        }
        put(ints);
    }

    @Override
    public void scalar(double value) {
        scalar = (float) value;
    }

    // The staging buffer is kept while transfers keep its length: a new array would cost Aparapi a new device
    // buffer, and for a download an upload of the fresh array before the copy.
    @Override
    public void upload(Object data) {
        float[] values = (float[]) data;
        if (io.length != values.length) {
            io = new float[values.length];
        }
        System.arraycopy(values, 0, io, 0, values.length);
        put(io);
    }

    @Override
    public void prepareDownload(int length) {
        if (io.length != length) {
            io = new float[length];
        }
    }

    @Override
    public Object download() {
        get(io);
        return io.clone();
    }

    @Override
    public void prepareIndices(int length) {
        indices = new int[length];
    }

    @Override
    public int[] indices() {
        get(indices);
        return indices;
    }
}
