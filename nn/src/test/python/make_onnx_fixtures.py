"""Writes the ONNX fixtures of vecnn-nn's OnnxFixturesTest into nn/src/test/resources/onnx/.

Each fixture is a small multilayer perceptron in the graph form one exporter writes, and beside it
NAME.expected.txt: the outputs ONNX Runtime computed for fixed inputs, which vecnn must reproduce.

    python3 -m venv /tmp/onnxvenv
    /tmp/onnxvenv/bin/pip install torch numpy onnx onnxruntime onnxscript scikit-learn
    /tmp/onnxvenv/bin/python nn/src/test/python/make_onnx_fixtures.py

Made with torch 2.13.0+cpu, onnx 1.23.1, onnxscript 0.7.2, onnxruntime 1.30.0, scikit-learn 1.9.1, numpy 2.4.6.

- torch_*.onnx: torch.onnx.export of an nn.Sequential MLP on a (batch, 3, 4) input: the TorchScript exporter
  (dynamo=False: Flatten, then Gemm(transB=1) and the activations) and, for torch_dynamo_*, the dynamo exporter
  (dynamo=True, which also needs `pip install onnxscript`: Reshape to [-1, 12], Gemm with alpha, beta, transA, transB).
- sklearn_*.onnx: the weights of a fitted scikit-learn MLPClassifier / MLPRegressor in the graph form skl2onnx
  writes for them (MatMul + Add per layer, Relu/Tanh/Sigmoid, Softmax), built with onnx.helper because skl2onnx
  does not install here; the classifier's label outputs (ArgMax, ZipMap) are left out: vecnn imports the
  probabilities. The fixture checks that ONNX Runtime agrees with scikit-learn's own predict_proba / predict.
- keras_form.onnx: the form tf2onnx writes for a Keras Sequential(Flatten, Dense, Dense) model: Reshape of the
  input to [-1, features] with a constant shape, MatMul + Add, Sigmoid, Softmax, and an Identity to the output;
  built with onnx.helper (weights from a scikit-learn fit) because TensorFlow does not install here.
"""
import pathlib

import numpy as np
import onnx
import onnxruntime as ort
import torch
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_digits, make_regression
from sklearn.neural_network import MLPClassifier, MLPRegressor

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "onnx"
OPSET = 17


def run_ort(path, x):
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, {session.get_inputs()[0].name: x})[0]


def write_expected(name, x, y):
    with open(OUT / f"{name}.expected.txt", "w") as f:
        f.write("# inputs (shape, values) and the outputs ONNX Runtime computed (shape, values)\n")
        f.write(" ".join(str(d) for d in x.shape) + "\n")
        f.write(" ".join(repr(float(v)) for v in x.ravel()) + "\n")
        f.write(" ".join(str(d) for d in y.shape) + "\n")
        f.write(" ".join(repr(float(v)) for v in y.ravel()) + "\n")


def torch_fixture(name, dtype, layers, dynamo=False):
    torch.manual_seed(7)
    model = torch.nn.Sequential(torch.nn.Flatten(), *layers).to(dtype).eval()
    x = torch.randn(5, 3, 4, dtype=dtype)
    path = OUT / f"{name}.onnx"
    if dynamo:
        torch.onnx.export(model, (x,), str(path), dynamo=True, input_names=["x"], output_names=["y"],
                          dynamic_shapes=({0: torch.export.Dim("batch")},), external_data=False)
    else:
        torch.onnx.export(model, (x,), str(path), dynamo=False, input_names=["x"], output_names=["y"],
                          dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})
    y = run_ort(path, x.numpy())
    with torch.no_grad():
        assert np.allclose(y, model(x).numpy(), rtol=1e-5, atol=1e-6), name
    write_expected(name, x.numpy(), y)


def dense_graph(name, dtype, np_dtype, features_shape, layers, reshape=False, identity_out=False, in_name="x"):
    """layers: list of (W (in, units), b, activation op or None); MatMul + Add per layer."""
    nodes, inits = [], []
    current = in_name
    if reshape:
        inits.append(numpy_helper.from_array(np.array([-1, int(np.prod(features_shape))], np.int64), "flat_shape"))
        nodes.append(helper.make_node("Reshape", [current, "flat_shape"], ["flat"], name="flatten/Reshape"))
        current = "flat"
    for i, (w, b, act) in enumerate(layers):
        inits.append(numpy_helper.from_array(w.astype(np_dtype), f"coefficient_{i}"))
        inits.append(numpy_helper.from_array(b.astype(np_dtype).reshape(1, -1), f"intercepts_{i}"))
        nodes.append(helper.make_node("MatMul", [current, f"coefficient_{i}"], [f"mul_{i}"], name=f"MatMul_{i}"))
        nodes.append(helper.make_node("Add", [f"mul_{i}", f"intercepts_{i}"], [f"add_{i}"], name=f"Add_{i}"))
        current = f"add_{i}"
        if act is not None:
            attrs = {"axis": 1} if act == "Softmax" else {}
            nodes.append(helper.make_node(act, [current], [f"{act.lower()}_{i}"], name=f"{act}_{i}", **attrs))
            current = f"{act.lower()}_{i}"
    if identity_out:
        nodes.append(helper.make_node("Identity", [current], ["output_0"], name="Identity"))
        current = "output_0"
    outputs = layers[-1][0].shape[1]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info(in_name, dtype, [None, *features_shape])],
                              [helper.make_tensor_value_info(current, dtype, [None, outputs])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="onnx.helper")
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = OUT / f"{name}.onnx"
    onnx.save(model, str(path))
    return path


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    torch_fixture("torch_relu_softmax", torch.float32,
                  [torch.nn.Linear(12, 16), torch.nn.ReLU(), torch.nn.Linear(16, 8), torch.nn.Tanh(),
                   torch.nn.Linear(8, 3), torch.nn.Softmax(dim=1)])
    # The dynamo exporter (torch.export; needs onnxscript): Reshape of the input, Gemm with every attribute set.
    torch_fixture("torch_dynamo_relu_softmax", torch.float32,
                  [torch.nn.Linear(12, 16), torch.nn.ReLU(), torch.nn.Linear(16, 3), torch.nn.Softmax(dim=1)],
                  dynamo=True)
    # ONNX Runtime 1.30 has no float64 kernel for LeakyRelu after a Gemm: the float64 fixture uses Tanh.
    torch_fixture("torch_float64_tanh_sigmoid", torch.float64,
                  [torch.nn.Linear(12, 10), torch.nn.Tanh(), torch.nn.Linear(10, 4), torch.nn.Sigmoid()])
    torch_fixture("torch_leaky_identity_output", torch.float32,
                  [torch.nn.Linear(12, 6), torch.nn.LeakyReLU(0.2), torch.nn.Linear(6, 2)])

    digits = load_digits()
    xd = (digits.data / 16.0).astype(np.float32)
    clf = MLPClassifier(hidden_layer_sizes=(20,), activation="relu", max_iter=300, random_state=0).fit(xd, digits.target)
    layers = [(clf.coefs_[0], clf.intercepts_[0], "Relu"), (clf.coefs_[1], clf.intercepts_[1], "Softmax")]
    path = dense_graph("sklearn_classifier", TensorProto.FLOAT, np.float32, [64], layers)
    x = xd[:6]
    y = run_ort(path, x)
    assert np.allclose(y, clf.predict_proba(x), atol=1e-5)
    write_expected("sklearn_classifier", x, y)

    xr, yr = make_regression(n_samples=200, n_features=5, n_targets=2, noise=0.1, random_state=0)
    reg = MLPRegressor(hidden_layer_sizes=(7,), activation="tanh", max_iter=2000, random_state=0).fit(xr, yr)
    layers = [(reg.coefs_[0], reg.intercepts_[0], "Tanh"), (reg.coefs_[1], reg.intercepts_[1], None)]
    path = dense_graph("sklearn_regressor_float64", TensorProto.DOUBLE, np.float64, [5], layers)
    x = xr[:4].astype(np.float64)
    y = run_ort(path, x)
    assert np.allclose(y, reg.predict(x), atol=1e-9)
    write_expected("sklearn_regressor_float64", x, y)

    keras_like = MLPClassifier(hidden_layer_sizes=(9,), activation="logistic", max_iter=300, random_state=1)
    keras_like.fit(xd, digits.target)
    layers = [(keras_like.coefs_[0], keras_like.intercepts_[0], "Sigmoid"),
              (keras_like.coefs_[1], keras_like.intercepts_[1], "Softmax")]
    path = dense_graph("keras_form", TensorProto.FLOAT, np.float32, [8, 8], layers, reshape=True, identity_out=True,
                       in_name="flatten_input")
    x = xd[10:14].reshape(-1, 8, 8)
    y = run_ort(path, x)
    assert np.allclose(y, keras_like.predict_proba(x.reshape(-1, 64)), atol=1e-5)
    write_expected("keras_form", x, y)


if __name__ == "__main__":
    main()
