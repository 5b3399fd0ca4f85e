package org.vecnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vecnn.io.AllocationCheck;
import org.vecnn.io.Npy;
import org.vecnn.io.NpyArray;
import org.vecnn.io.Npz;

/** Moves tensors to and from NumPy's files through {@link org.vecnn.io}: what {@link Backend#load} and its kin do. */
final class TensorFiles {
    private TensorFiles() {
    }

    static Tensor load(Backend backend, Path file, DType target) throws IOException {
        Checks.notNull("load", "file", file);
        return tensor(backend, Npy.read(file, target, admit(backend)));
    }

    static Map<String, Tensor> loadAll(Backend backend, Path file, DType target) throws IOException {
        Checks.notNull("loadAll", "file", file);
        AllocationCheck check = admit(backend);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try {
            // one array on the host at a time
            for (String name : Npz.headers(file).keySet()) {
                tensors.put(name, tensor(backend, Npz.read(file, name, target, check)));
            }
        } catch (IOException | RuntimeException e) {
            tensors.values().forEach(Tensor::close);
            throw e;
        }
        return Collections.unmodifiableMap(tensors);
    }

    static void save(Tensor t, Path file) throws IOException {
        Checks.notNull("save", "file", file);
        Npy.write(file, host(t, "save"));
    }

    static void saveAll(Path file, Map<String, Tensor> tensors, boolean compressed) throws IOException {
        String op = compressed ? "saveAllCompressed" : "saveAll";
        Checks.notNull(op, "file", file);
        Checks.notNull(op, "tensors", tensors);
        if (tensors.isEmpty()) {
            throw new TensorArgumentException(op + ": no tensors to write to " + file);
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(tensors.keySet());
        for (String name : names) {
            if (name == null || name.isEmpty()) {
                throw new TensorArgumentException(op + ": a tensor for " + file + " has an empty name");
            }
            arrays.put(name, host(tensors.get(name), op + " '" + name + "'"));
        }
        Npz.write(file, arrays, compressed);
    }

    private static NpyArray host(Tensor t, String op) {
        Checks.notNull(op, "tensor", t);
        if (t.isClosed()) {
            throw new TensorArgumentException(op + ": tensor " + t.describe() + " was closed; its memory is released");
        }
        return t.dtype() == DType.FLOAT32
                ? new NpyArray.Float32(t.shape(), t.toFloatArray())
                : new NpyArray.Float64(t.shape(), t.toDoubleArray());
    }

    private static Tensor tensor(Backend backend, NpyArray array) {
        if (array instanceof NpyArray.Float32 f) {
            return backend.fromArray(f.data(), f.shape());
        }
        NpyArray.Float64 d = (NpyArray.Float64) array;
        return backend.fromArray(d.data(), d.shape());
    }

    /** The backend's dtypes and limits, then the Java heap for the host array the file is read into. */
    private static AllocationCheck admit(Backend backend) {
        return (where, shape, dtype) -> {
            String op = "load " + where;
            Checks.supported(backend, op, dtype);
            Checks.allocatable(backend, op, shape, dtype);
            AllocationCheck.heap().check(where, shape, dtype);
        };
    }
}
