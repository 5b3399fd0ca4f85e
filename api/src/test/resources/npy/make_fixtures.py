#!/usr/bin/env python3
"""Makes the .npy/.npz fixtures of vecnn's NumPy file tests, and manifest.tsv, which says what each holds.

Run from this directory: python3 make_fixtures.py  (NumPy 2.x; the files committed were made by NumPy 2.4.6).
The arrays are small and their values are chosen to be exact: NaN payloads, -0.0, infinities, subnormals,
the extremes of each integer type. manifest.tsv has one line per fixture, tab-separated:

  load   FILE  DTYPE  SHAPE  BITS    FILE (an .npy, or ARCHIVE.npz:NAME) loads as DTYPE (float32|float64) of
                                     SHAPE (comma-separated, empty for 0-d) with these element bits, row-major,
                                     hex (8 digits for float32, 16 for float64), comma-separated
  save   FILE  DTYPE  SHAPE  BITS    np.save wrote FILE from this array: vecnn must write the same bytes
  refuse FILE  TEXT                  loading FILE fails with a message containing TEXT
"""
import io
import struct
import zipfile

import numpy as np
import numpy.lib.format as fmt

lines = []


def bits(a):
    flat = np.ascontiguousarray(a).reshape(-1)
    if flat.dtype == np.float32:
        return ",".join("%08x" % v for v in flat.view(np.uint32))
    return ",".join("%016x" % v for v in flat.view(np.uint64))


def expect(kind, name, a):
    dtype = "float32" if a.dtype == np.float32 else "float64"
    lines.append("\t".join([kind, name, dtype, ",".join(str(d) for d in a.shape), bits(a)]))


def write(name, a, version=None):
    with open(name, "wb") as f:
        fmt.write_array(f, a, version=version, allow_pickle=False)


def from_bits32(values, shape):
    return np.array(values, dtype=np.uint32).view(np.float32).reshape(shape)


def from_bits64(values, shape):
    return np.array(values, dtype=np.uint64).view(np.float64).reshape(shape)


# float32: a quiet NaN with a payload, a negative NaN, -0.0, +-inf, the smallest subnormal, max, 1/3
f4 = from_bits32([0x7FC00001, 0xFFC00000, 0x80000000, 0x7F800000, 0xFF800000, 0x00000001,
                  0x7F7FFFFF, 0x3EAAAAAB, 0x3F800000, 0xC0490FDB, 0x00800000, 0x12345678], (3, 4))
f8 = from_bits64([0x7FF8000000000001, 0xFFF8000000000000, 0x8000000000000000, 0x7FF0000000000000,
                  0xFFF0000000000000, 0x0000000000000001, 0x7FEFFFFFFFFFFFFF, 0x3FD5555555555555,
                  0x3FF0000000000000, 0xC00921FB54442D18, 0x0010000000000000, 0x123456789ABCDEF0], (3, 4))

# every version, byte order and memory order, for both float types
for a, t in ((f4, "f4"), (f8, "f8")):
    for order_char in "<>":
        for order in "CF":
            for version in ((1, 0), (2, 0), (3, 0)):
                arr = np.asarray(a, dtype=np.dtype(order_char + t), order=order)
                name = "%s_%s_%s_v%d.npy" % (t, "le" if order_char == "<" else "be", order, version[0])
                write(name, arr, version)
                expect("load", name, a)

# a 3-d Fortran array (reordering over more than two axes), 0-d and size-0 arrays, a 1-d array
cube = np.arange(24, dtype=np.float64).reshape(2, 3, 4) * 0.5 - 3
write("f8_le_F_3d.npy", np.asfortranarray(cube))
expect("load", "f8_le_F_3d.npy", cube)
write("f4_be_F_3d.npy", np.asfortranarray(cube.astype(">f4")))
expect("load", "f4_be_F_3d.npy", cube.astype(np.float32))
np.save("f8_0d.npy", np.float64(-2.5))
expect("load", "f8_0d.npy", np.array(-2.5))
np.save("f4_size0.npy", np.zeros((0, 3), dtype=np.float32))
expect("load", "f4_size0.npy", np.zeros((0, 3), dtype=np.float32))
np.save("f8_size0_1d.npy", np.zeros((0,), dtype=np.float64))
expect("load", "f8_size0_1d.npy", np.zeros((0,), dtype=np.float64))
np.save("f4_1d.npy", f4.reshape(-1))
expect("load", "f4_1d.npy", f4.reshape(-1))

# integers and bool, both byte orders: their extremes, all exact in float64
ints = {
    "i1": [-128, -1, 0, 1, 127, 5],
    "i2": [-32768, -1, 0, 1, 32767, 300],
    "i4": [-2**31, -1, 0, 1, 2**31 - 1, 70000],
    "i8": [-2**53, -1, 0, 2**53, -2**63, 2**62],
    "u1": [0, 1, 2, 128, 254, 255],
    "u2": [0, 1, 2, 256, 65534, 65535],
    "u4": [0, 1, 2, 2**16, 2**32 - 2, 2**32 - 1],
    "u8": [0, 1, 2**53, 2**63, 2**64 - 2**11, 2**40],
}
for t, values in ints.items():
    for order_char in "<>" if t[1] != "1" else "|":
        arr = np.array(values, dtype=np.dtype(order_char + t)).reshape(2, 3)
        name = "%s_%s.npy" % (t, {"<": "le", ">": "be", "|": "na"}[order_char])
        write(name, np.asfortranarray(arr) if t == "i4" else arr)
        expect("load", name, np.array([float(v) for v in values]).reshape(2, 3))
b = np.array([[True, False, True], [False, False, True]])
np.save("b1.npy", b)
expect("load", "b1.npy", b.astype(np.float64))

# integers float64 cannot hold: refused, never rounded
np.save("i8_inexact.npy", np.array([1, 2**53 + 1], dtype=np.int64))
lines.append("refuse\ti8_inexact.npy\t9007199254740993")
np.save("u8_max.npy", np.array([2**64 - 1], dtype=np.uint64))
lines.append("refuse\tu8_max.npy\t18446744073709551615")
np.save("i8_max.npy", np.array([2**63 - 1], dtype=np.int64))
lines.append("refuse\ti8_max.npy\t9223372036854775807")

# types vecnn does not load: refused naming the dtype string
np.save("c16.npy", np.array([1 + 2j]))
lines.append("refuse\tc16.npy\t'<c16'")
np.save("unicode.npy", np.array(["abc"]))
lines.append("refuse\tunicode.npy\t'<U3'")
np.save("bytes.npy", np.array([b"ab"]))
lines.append("refuse\tbytes.npy\t'|S2'")
np.save("datetime.npy", np.array(["2024-01-01"], dtype="datetime64[ns]"))
lines.append("refuse\tdatetime.npy\t'<M8[ns]'")
np.save("f2.npy", np.array([1.5], dtype=np.float16))
lines.append("refuse\tf2.npy\t'<f2'")
np.save("structured.npy", np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")]))
lines.append("refuse\tstructured.npy\t[('a', '<f4'), ('b', '<i4')]")
np.save("object_pickle.npy", np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
lines.append("refuse\tobject_pickle.npy\t'|O'")

# archives: stored, deflated, positional names
x = np.arange(12, dtype=np.float32).reshape(4, 3) / 7
y = np.array([0, 1, 2, 1], dtype=np.int64)
np.savez("xy_stored.npz", x=x, y=y)
np.savez_compressed("xy_deflated.npz", x=x, y=y, f8=f8)
np.savez("positional.npz", f8, f4.astype(">f4"))
for archive, arrays in (("xy_stored.npz", {"x": x, "y": y.astype(np.float64)}),
                        ("xy_deflated.npz", {"x": x, "y": y.astype(np.float64), "f8": f8}),
                        ("positional.npz", {"arr_0": f8, "arr_1": f4})):
    for key, a in arrays.items():
        expect("load", archive + ":" + key, a)

# what np.save writes, byte for byte, for vecnn's writer to match
for a, t in ((f4, "f4"), (f8, "f8")):
    for shape in ((), (0, 3), (12,), (3, 4), (2, 3, 2), (1, 1, 1, 12)):
        arr = a.reshape(-1)[:int(np.prod(shape))].reshape(shape) if shape != () else a.reshape(-1)[7].reshape(())
        name = "save_%s_%s.npy" % (t, "x".join(str(d) for d in shape) or "0d")
        np.save(name, arr)
        expect("save", name, arr)

with open("manifest.tsv", "w") as f:
    f.write("\n".join(lines) + "\n")
