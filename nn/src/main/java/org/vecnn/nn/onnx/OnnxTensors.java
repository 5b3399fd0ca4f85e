package org.vecnn.nn.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vecnn.DType;
import org.vecnn.nn.io.ModelFileException;
import org.vecnn.nn.onnx.proto.OnnxProto.TensorProto;

/**
 * ONNX tensors (initializers and constants) to and from Java arrays. Reading checks every dimension, the element
 * count against the largest Java array, the storage (inside the file, not external) and the number of stored values
 * against the shape before it allocates anything.
 */
final class OnnxTensors {
    /** The most elements one tensor (one Java array) holds. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private OnnxTensors() {
    }

    /** A tensor of {@code dtype} named {@code name} with {@code values} (rounded to float32 for FLOAT32) as raw data. */
    static TensorProto encode(String name, DType dtype, double[] values, long... dims) {
        int width = dtype == DType.FLOAT64 ? Double.BYTES : Float.BYTES;
        ByteBuffer bytes = ByteBuffer.allocate(values.length * width).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (dtype == DType.FLOAT64) {
                bytes.putDouble(v);
            } else {
                bytes.putFloat((float) v);
            }
        }
        bytes.flip();
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(dataType(dtype))
                .setRawData(ByteString.copyFrom(bytes));
        for (long d : dims) {
            tensor.addDims(d);
        }
        return tensor.build();
    }

    /** ONNX's {@code TensorProto.DataType} code of {@code dtype}. */
    static int dataType(DType dtype) {
        return dtype == DType.FLOAT64 ? TensorProto.DataType.DOUBLE_VALUE : TensorProto.DataType.FLOAT_VALUE;
    }

    /** The vecnn dtype of an ONNX element type, or null if vecnn has none. */
    static DType dtypeOf(int dataType) {
        if (dataType == TensorProto.DataType.FLOAT_VALUE) {
            return DType.FLOAT32;
        }
        return dataType == TensorProto.DataType.DOUBLE_VALUE ? DType.FLOAT64 : null;
    }

    /** The name of an ONNX element type code, e.g. {@code FLOAT16}, for messages. */
    static String typeName(int dataType) {
        TensorProto.DataType type = TensorProto.DataType.forNumber(dataType);
        return type == null ? "unknown type " + dataType : type.name();
    }

    /**
     * The dimensions of {@code tensor}, each checked to be ≥ 0 and their product to fit one Java array.
     *
     * @param where names the tensor in messages, e.g. "initializer 'fc1.weight'"
     */
    static long[] dims(String file, String where, TensorProto tensor) throws ModelFileException {
        long[] dims = new long[tensor.getDimsCount()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = tensor.getDims(i);
            if (dims[i] < 0) {
                throw new ModelFileException(file + ": " + where + " has a negative dimension " + dims[i]
                        + " in its shape " + shapeText(tensor));
            }
            if (dims[i] > MAX_ELEMENTS || (dims[i] > 0 && count > MAX_ELEMENTS / dims[i])) {
                throw new ModelFileException(file + ": " + where + " of shape " + shapeText(tensor) + " has more than "
                        + MAX_ELEMENTS + " elements, the most one tensor holds");
            }
            count *= dims[i];
        }
        return dims;
    }

    /** The element count of {@code dims}, already checked by {@link #dims}. */
    static int count(long[] dims) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        return (int) count;
    }

    /**
     * The values of a FLOAT or DOUBLE tensor as doubles (exact), after checking that its data is stored in the file
     * and that the number of stored values is what its shape says.
     */
    static double[] floatingValues(String file, String where, TensorProto tensor) throws ModelFileException {
        checkStoredInFile(file, where, tensor);
        long[] dims = dims(file, where, tensor);
        int count = count(dims);
        int type = tensor.getDataType();
        if (type == TensorProto.DataType.FLOAT_VALUE) {
            if (tensor.hasRawData()) {
                ByteBuffer raw = rawData(file, where, tensor, count, Float.BYTES);
                double[] values = new double[count];
                for (int i = 0; i < count; i++) {
                    values[i] = raw.getFloat();
                }
                return values;
            }
            checkCount(file, where, tensor, count, tensor.getFloatDataCount(), "float_data");
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                values[i] = tensor.getFloatData(i);
            }
            return values;
        }
        if (type == TensorProto.DataType.DOUBLE_VALUE) {
            if (tensor.hasRawData()) {
                ByteBuffer raw = rawData(file, where, tensor, count, Double.BYTES);
                double[] values = new double[count];
                for (int i = 0; i < count; i++) {
                    values[i] = raw.getDouble();
                }
                return values;
            }
            checkCount(file, where, tensor, count, tensor.getDoubleDataCount(), "double_data");
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                values[i] = tensor.getDoubleData(i);
            }
            return values;
        }
        throw new ModelFileException(file + ": " + where + " holds " + typeName(type)
                + " values; vecnn imports FLOAT (float32) and DOUBLE (float64) weights");
    }

    /** The values of an INT64 tensor (a Reshape's target shape), checked as {@link #floatingValues} does. */
    static long[] int64Values(String file, String where, TensorProto tensor) throws ModelFileException {
        checkStoredInFile(file, where, tensor);
        int count = count(dims(file, where, tensor));
        if (tensor.getDataType() != TensorProto.DataType.INT64_VALUE) {
            throw new ModelFileException(file + ": " + where + " holds " + typeName(tensor.getDataType())
                    + " values, not INT64");
        }
        long[] values = new long[count];
        if (tensor.hasRawData()) {
            ByteBuffer raw = rawData(file, where, tensor, count, Long.BYTES);
            for (int i = 0; i < count; i++) {
                values[i] = raw.getLong();
            }
            return values;
        }
        checkCount(file, where, tensor, count, tensor.getInt64DataCount(), "int64_data");
        for (int i = 0; i < count; i++) {
            values[i] = tensor.getInt64Data(i);
        }
        return values;
    }

    private static void checkStoredInFile(String file, String where, TensorProto tensor) throws ModelFileException {
        if (tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL || tensor.getExternalDataCount() > 0) {
            String location = tensor.getExternalDataList().stream().filter(e -> e.getKey().equals("location"))
                    .map(e -> " ('" + e.getValue() + "')").findFirst().orElse("");
            throw new ModelFileException(file + ": " + where + " keeps its data in an external file" + location
                    + "; vecnn reads only models with every tensor inside the .onnx file (in Python: "
                    + "onnx.save_model(onnx.load(path), out, save_as_external_data=False))");
        }
    }

    private static ByteBuffer rawData(String file, String where, TensorProto tensor, int count, int width)
            throws ModelFileException {
        ByteString raw = tensor.getRawData();
        if (raw.size() != (long) count * width) {
            throw new ModelFileException(file + ": " + where + " of shape " + shapeText(tensor) + " needs " + count
                    + " values (" + (long) count * width + " bytes) but its raw_data has " + raw.size() + " bytes");
        }
        return raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void checkCount(String file, String where, TensorProto tensor, int count, int stored, String field)
            throws ModelFileException {
        if (stored != count) {
            throw new ModelFileException(file + ": " + where + " of shape " + shapeText(tensor) + " needs " + count
                    + " values but its " + field + " has " + stored);
        }
    }

    /** E.g. {@code [256, 784]}. */
    static String shapeText(TensorProto tensor) {
        return tensor.getDimsList().toString();
    }
}
