package org.vecnn.nn.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vecnn.DType;
import org.vecnn.nn.Activation;
import org.vecnn.nn.io.ModelFileException;
import org.vecnn.nn.onnx.proto.OnnxProto.AttributeProto;
import org.vecnn.nn.onnx.proto.OnnxProto.GraphProto;
import org.vecnn.nn.onnx.proto.OnnxProto.ModelProto;
import org.vecnn.nn.onnx.proto.OnnxProto.NodeProto;
import org.vecnn.nn.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.vecnn.nn.onnx.proto.OnnxProto.StringStringEntryProto;
import org.vecnn.nn.onnx.proto.OnnxProto.TensorProto;
import org.vecnn.nn.onnx.proto.OnnxProto.TensorShapeProto;
import org.vecnn.nn.onnx.proto.OnnxProto.TypeProto;
import org.vecnn.nn.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Reads the multilayer perceptron an ONNX graph describes: a chain from the one graph input to the one graph output
 * of {@code Flatten}/{@code Reshape} (of the input only), then per dense layer {@code Gemm} (any {@code transB},
 * {@code alpha}, {@code beta}, optional bias) or {@code MatMul} followed by an optional bias {@code Add}, then an
 * optional activation ({@code Relu}, {@code LeakyRelu}, {@code Sigmoid}, {@code Tanh}, {@code Softmax} on the last
 * axis); {@code Identity} anywhere; weights as initializers or {@code Constant} nodes. Anything else is an error that
 * names the node's op type and index and what is supported. The graph is checked as a whole (one input, one output,
 * acyclic, every value produced once) before the chain is walked, and every tensor's shape and stored size before
 * its values are copied.
 */
final class OnnxImport {
    static final List<String> SUPPORTED = List.of("Gemm", "MatMul", "Add", "Relu", "LeakyRelu", "Sigmoid", "Tanh",
            "Softmax", "Flatten", "Reshape", "Identity", "Constant");
    private static final long MIN_OPSET = 7;

    /** One dense layer read from the graph: weights (inputs, units) row-major. */
    record Layer(int inputs, int units, Activation activation, double[] weights, double[] bias) {
    }

    /** What the graph describes. {@code loss} is the vecnn loss the file names in its metadata, or null. */
    record Network(DType dtype, int inputs, List<Layer> layers, String loss) {
    }

    private final String file;
    private final GraphProto graph;
    private final long opset;
    private final Map<String, TensorProto> constants = new HashMap<>();
    private DType dtype;

    private OnnxImport(String file, GraphProto graph, long opset) {
        this.file = file;
        this.graph = graph;
        this.opset = opset;
    }

    static Network read(String file, ModelProto model) throws ModelFileException {
        if (!model.hasGraph()) {
            throw new ModelFileException(file + ": not an ONNX model, or truncated: it has no graph");
        }
        long opset = -1;
        for (OperatorSetIdProto set : model.getOpsetImportList()) {
            if (set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx")) {
                opset = set.getVersion();
            }
        }
        if (opset < 0) {
            throw new ModelFileException(file + ": the model imports no version of the default ONNX operator set "
                    + "(opset_import is " + (model.getOpsetImportCount() == 0 ? "empty; truncated?" : "only for "
                    + model.getOpsetImportList().stream().map(OperatorSetIdProto::getDomain).toList()) + ")");
        }
        if (opset < MIN_OPSET) {
            throw new ModelFileException(file + ": opset " + opset + " is older than " + MIN_OPSET
                    + ", the first whose Gemm broadcasts its bias; re-export with a newer opset");
        }
        String loss = null;
        for (StringStringEntryProto entry : model.getMetadataPropsList()) {
            if (entry.getKey().equals(Onnx.LOSS_KEY)) {
                loss = entry.getValue();
            }
        }
        OnnxImport reader = new OnnxImport(file, model.getGraph(), opset);
        return reader.network(loss);
    }

    private Network network(String loss) throws ModelFileException {
        for (TensorProto tensor : graph.getInitializerList()) {
            if (constants.put(tensor.getName(), tensor) != null) {
                throw new ModelFileException(file + ": two initializers are named '" + tensor.getName() + "'");
            }
        }
        if (graph.getSparseInitializerCount() > 0) {
            throw new ModelFileException(file + ": the graph has " + graph.getSparseInitializerCount()
                    + " sparse initializers; vecnn imports dense weights only");
        }
        checkOps();
        List<Integer> order = OnnxGraphOrder.sorted(file, graph);
        ValueInfoProto input = graphInput();
        if (graph.getOutputCount() != 1) {
            throw new ModelFileException(file + ": the graph has " + graph.getOutputCount() + " outputs "
                    + graph.getOutputList().stream().map(ValueInfoProto::getName).toList()
                    + "; vecnn imports a network with one output");
        }
        long[] inputDims = inputShape(input);
        Walk walk = new Walk(input.getName(), features(inputDims));
        walk.reshaped = inputDims.length == 2;
        for (int index : order) {
            NodeProto node = graph.getNode(index);
            if (node.getOpType().equals("Constant")) {
                constant(index, node);
            } else {
                step(walk, index, node);
            }
        }
        walk.finishLayer(Activation.IDENTITY);
        String output = graph.getOutput(0).getName();
        if (!walk.current.equals(output)) {
            throw new ModelFileException(file + ": the chain of layers from input '" + input.getName() + "' ends at '"
                    + walk.current + "', not at the graph's output '" + output + "'");
        }
        if (walk.layers.isEmpty()) {
            throw new ModelFileException(file + ": the graph has no Gemm or MatMul: no dense layer to import");
        }
        for (int i = 0; i < walk.layers.size() - 1; i++) {
            if (walk.layers.get(i).activation().kind() == Activation.Kind.SOFTMAX) {
                throw new ModelFileException(file + ": Softmax is the activation of dense layer " + (i + 1) + " of "
                        + walk.layers.size() + "; vecnn allows it only on the last layer");
            }
        }
        return new Network(dtype, walk.firstInputs, List.copyOf(walk.layers), loss);
    }

    private void checkOps() throws ModelFileException {
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            boolean standard = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
            if (!standard || !SUPPORTED.contains(node.getOpType())) {
                throw new ModelFileException(file + ": " + OnnxGraphOrder.describe(graph, i) + ": op type '"
                        + (standard ? "" : node.getDomain() + ".") + node.getOpType() + "' is not supported; vecnn "
                        + "imports multilayer perceptrons made of " + String.join(", ", SUPPORTED)
                        + " (standard ONNX domain)");
            }
        }
    }

    /** The one graph input that is not an initializer (before IR version 4 initializers are listed as inputs). */
    private ValueInfoProto graphInput() throws ModelFileException {
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto input : graph.getInputList()) {
            if (!constants.containsKey(input.getName())) {
                inputs.add(input);
            }
        }
        if (inputs.size() != 1) {
            throw new ModelFileException(file + ": the graph has " + inputs.size() + " inputs "
                    + inputs.stream().map(ValueInfoProto::getName).toList()
                    + " besides its weights; vecnn imports a network with one input");
        }
        return inputs.get(0);
    }

    /** The input's shape, -1 for the batch dimension; its element type sets the model's dtype. */
    private long[] inputShape(ValueInfoProto input) throws ModelFileException {
        String where = "graph input '" + input.getName() + "'";
        if (!input.getType().hasTensorType()) {
            throw new ModelFileException(file + ": " + where + " is not a tensor");
        }
        TypeProto.Tensor type = input.getType().getTensorType();
        dtype = OnnxTensors.dtypeOf(type.getElemType());
        if (dtype == null) {
            throw new ModelFileException(file + ": " + where + " has element type "
                    + OnnxTensors.typeName(type.getElemType()) + "; vecnn imports FLOAT (float32) and DOUBLE (float64)"
                    + " models");
        }
        if (!type.hasShape() || type.getShape().getDimCount() < 2) {
            throw new ModelFileException(file + ": " + where + " has " + (type.hasShape()
                    ? "rank " + type.getShape().getDimCount() : "no shape") + "; vecnn needs (batch, features...) with"
                    + " the feature dimensions known");
        }
        TensorShapeProto shape = type.getShape();
        long[] dims = new long[shape.getDimCount()];
        dims[0] = -1;
        for (int i = 1; i < dims.length; i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            if (!d.hasDimValue() || d.getDimValue() <= 0) {
                throw new ModelFileException(file + ": " + where + ": dimension " + i + " is "
                        + (d.hasDimValue() ? d.getDimValue() : "'" + d.getDimParam() + "' (symbolic)")
                        + "; vecnn needs every dimension but the batch to be a known size > 0");
            }
            dims[i] = d.getDimValue();
        }
        features(dims);
        return dims;
    }

    /** The product of the non-batch dimensions, checked against the largest tensor. */
    private int features(long[] dims) throws ModelFileException {
        long product = 1;
        for (int i = 1; i < dims.length; i++) {
            if (dims[i] > OnnxTensors.MAX_ELEMENTS / product) {
                throw new ModelFileException(file + ": the graph input's shape " + java.util.Arrays.toString(dims)
                        + " has more than " + OnnxTensors.MAX_ELEMENTS + " features per example");
            }
            product *= dims[i];
        }
        return (int) product;
    }

    private void constant(int index, NodeProto node) throws ModelFileException {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals("value") && attribute.hasT() && node.getOutputCount() == 1) {
                constants.put(node.getOutput(0), attribute.getT());
                return;
            }
        }
        throw new ModelFileException(file + ": " + OnnxGraphOrder.describe(graph, index)
                + ": vecnn reads Constant nodes with a tensor 'value' attribute only");
    }

    /** The state of the walk along the chain: the value reached and the layer being assembled. */
    private final class Walk {
        String current;
        int features;
        int firstInputs = -1;
        boolean reshaped;
        final List<Layer> layers = new ArrayList<>();
        /** The layer whose product was read but whose activation was not: null between layers. */
        double[] weights;
        double[] bias;
        int inputs;
        int units;
        boolean hasBias;

        Walk(String input, int features) {
            this.current = input;
            this.features = features;
        }

        void startLayer(double[] weights, double[] bias, int units) {
            finishLayer(Activation.IDENTITY);
            if (firstInputs < 0) {
                firstInputs = features;
            }
            this.weights = weights;
            this.inputs = features;
            this.units = units;
            this.bias = bias == null ? new double[units] : bias;
            this.hasBias = bias != null;
        }

        void finishLayer(Activation activation) {
            if (weights != null) {
                layers.add(new Layer(inputs, units, activation, weights, bias));
                features = units;
                weights = null;
                bias = null;
            }
        }
    }

    private void step(Walk walk, int index, NodeProto node) throws ModelFileException {
        String op = node.getOpType();
        String data = dataInput(walk, index, node);
        if (node.getOutputCount() < 1 || node.getOutput(0).isEmpty()) {
            throw error(index, "has no output");
        }
        switch (op) {
            case "Identity" -> { }
            case "Flatten" -> flatten(walk, index, node);
            case "Reshape" -> reshape(walk, index, node);
            case "Gemm" -> gemm(walk, index, node);
            case "MatMul" -> matmul(walk, index, node, data);
            case "Add" -> add(walk, index, node, data);
            default -> activation(walk, index, node);
        }
        walk.current = node.getOutput(0);
    }

    /** The one input of {@code node} on the chain, which must be the value the walk has reached. */
    private String dataInput(Walk walk, int index, NodeProto node) throws ModelFileException {
        String data = null;
        for (String input : node.getInputList()) {
            if (!input.isEmpty() && !constants.containsKey(input)) {
                if (data != null) {
                    throw error(index, "reads two computed values, '" + data + "' and '" + input + "'; vecnn imports"
                            + " a chain of layers where each node reads the one before and constant weights");
                }
                data = input;
            }
        }
        if (data == null || !data.equals(walk.current)) {
            throw error(index, "reads " + (data == null ? "only constants" : "'" + data + "'") + ", but the chain of "
                    + "layers is at '" + walk.current + "'; vecnn imports a chain from the graph input to its output");
        }
        return data;
    }

    private void flatten(Walk walk, int index, NodeProto node) throws ModelFileException {
        if (walk.firstInputs >= 0) {
            throw error(index, "flattens the output of a dense layer; vecnn reads Flatten of the graph input only");
        }
        long axis = intAttribute(node, "axis", 1);
        if (axis != 1 && !(axis == -1 && walk.reshaped)) {
            throw error(index, "has axis " + axis + "; vecnn reads Flatten(axis=1), which keeps the batch dimension");
        }
        walk.reshaped = true;
    }

    private int graphInputRank() throws ModelFileException {
        return graphInput().getType().getTensorType().getShape().getDimCount();
    }

    private void reshape(Walk walk, int index, NodeProto node) throws ModelFileException {
        if (walk.firstInputs >= 0) {
            throw error(index, "reshapes the output of a dense layer; vecnn reads Reshape of the graph input only");
        }
        if (node.getInputCount() < 2 || !constants.containsKey(node.getInput(1))) {
            throw error(index, "takes its target shape from a computed value; vecnn reads a constant shape");
        }
        long[] shape = OnnxTensors.int64Values(file, "the target shape of " + OnnxGraphOrder.describe(graph, index),
                constants.get(node.getInput(1)));
        boolean allowZero = intAttribute(node, "allowzero", 0) != 0;
        boolean batchKept = shape.length == 2 && (shape[0] == -1 || (shape[0] == 0 && !allowZero));
        boolean flat = shape.length == 2 && (shape[1] == walk.features || (shape[1] == -1 && shape[0] == 0 && !allowZero));
        if (!batchKept || !flat) {
            throw error(index, "reshapes to " + java.util.Arrays.toString(shape) + "; vecnn reads a Reshape of the "
                    + "input to (batch, " + walk.features + "), e.g. [-1, " + walk.features + "]");
        }
        walk.reshaped = true;
    }

    private void gemm(Walk walk, int index, NodeProto node) throws ModelFileException {
        if (intAttribute(node, "transA", 0) != 0) {
            throw error(index, "has transA=1; vecnn reads Gemm with the batch as A's rows (transA=0)");
        }
        boolean transB = intAttribute(node, "transB", 0) != 0;
        double alpha = floatAttribute(node, "alpha", 1);
        double beta = floatAttribute(node, "beta", 1);
        checkReshaped(walk, index);
        walk.finishLayer(Activation.IDENTITY);
        if (node.getInputCount() < 2 || !constants.containsKey(node.getInput(1))) {
            throw error(index, "multiplies by a computed value; vecnn reads weights (B) stored as initializers");
        }
        double[][] read = weights(walk, index, node.getInput(1), transB);
        double[] weights = read[0];
        int units = read[1].length;
        if (alpha != 1) {
            for (int i = 0; i < weights.length; i++) {
                weights[i] *= alpha;
            }
        }
        double[] bias = null;
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            bias = bias(index, node.getInput(2), units);
            if (beta != 1) {
                for (int i = 0; i < bias.length; i++) {
                    bias[i] *= beta;
                }
            }
        }
        walk.startLayer(weights, bias, units);
    }

    private void matmul(Walk walk, int index, NodeProto node, String data) throws ModelFileException {
        checkReshaped(walk, index);
        walk.finishLayer(Activation.IDENTITY);
        if (node.getInputCount() != 2 || !node.getInput(0).equals(data)) {
            throw error(index, "multiplies weights by the data (data · W expected, data as the first input)");
        }
        double[][] read = weights(walk, index, node.getInput(1), false);
        walk.startLayer(read[0], null, read[1].length);
    }

    private void add(Walk walk, int index, NodeProto node, String data) throws ModelFileException {
        if (walk.weights == null || walk.hasBias) {
            throw error(index, walk.weights == null ? "adds to a value that is not a dense layer's product; vecnn "
                    + "reads Add as the bias of a MatMul" : "adds a second bias to a dense layer");
        }
        String other = node.getInput(0).equals(data) ? node.getInput(1) : node.getInput(0);
        walk.bias = bias(index, other, walk.units);
        walk.hasBias = true;
    }

    private void activation(Walk walk, int index, NodeProto node) throws ModelFileException {
        String op = node.getOpType();
        if (walk.weights == null) {
            throw error(index, "is applied to a value that is not a dense layer's output; vecnn reads " + op
                    + " as the activation right after a Gemm or MatMul (+ Add)");
        }
        Activation activation = switch (op) {
            case "Relu" -> Activation.RELU;
            case "LeakyRelu" -> Activation.leakyRelu(
                    // The float attribute as the shortest decimal that rounds to it: 0.01f reads as 0.01.
                    Double.parseDouble(Float.toString((float) floatAttribute(node, "alpha", 0.01f))));
            case "Sigmoid" -> Activation.SIGMOID;
            case "Tanh" -> Activation.TANH;
            case "Softmax" -> {
                long axis = intAttribute(node, "axis", opset >= 13 ? -1 : 1);
                if (axis != 1 && axis != -1) {
                    throw error(index, "has axis " + axis + "; vecnn reads Softmax over each example's outputs "
                            + "(axis 1 or -1)");
                }
                yield Activation.SOFTMAX;
            }
            default -> throw new AssertionError(op);
        };
        walk.finishLayer(activation);
    }

    private void checkReshaped(Walk walk, int index) throws ModelFileException {
        if (!walk.reshaped) {
            throw error(index, "multiplies the graph input of rank " + graphInputRank() + " without a Flatten or "
                    + "Reshape to (batch, features) before it");
        }
    }

    /** The weights as (inputs, units) row-major, and a units-long array carrying the unit count. */
    private double[][] weights(Walk walk, int index, String name, boolean transposed) throws ModelFileException {
        TensorProto tensor = constants.get(name);
        if (tensor == null) {
            throw error(index, "multiplies by '" + name + "', which is not an initializer or Constant");
        }
        String where = "weight '" + name + "' of " + OnnxGraphOrder.describe(graph, index);
        checkDtype(index, where, tensor);
        long[] dims = OnnxTensors.dims(file, where, tensor);
        long rows = dims.length == 2 ? (transposed ? dims[1] : dims[0]) : -1;
        if (dims.length != 2 || rows != walk.features || dims[0] == 0 || dims[1] == 0) {
            throw error(index, "multiplies " + walk.features + " features by " + where + " of shape "
                    + OnnxTensors.shapeText(tensor) + (transposed ? " (transB=1: (units, inputs))" : "")
                    + "; it must be " + (transposed ? "(units, " + walk.features + ")" : "(" + walk.features
                    + ", units)"));
        }
        double[] values = OnnxTensors.floatingValues(file, where, tensor);
        int units = (int) (transposed ? dims[0] : dims[1]);
        int inputs = walk.features;
        if (!transposed) {
            return new double[][] {values, new double[units]};
        }
        double[] weights = new double[values.length];
        for (int u = 0; u < units; u++) {
            for (int i = 0; i < inputs; i++) {
                weights[i * units + u] = values[u * inputs + i];
            }
        }
        return new double[][] {weights, new double[units]};
    }

    /** A bias of {@code units} values: shape (units), (1, units), or one value broadcast. */
    private double[] bias(int index, String name, int units) throws ModelFileException {
        TensorProto tensor = constants.get(name);
        if (tensor == null) {
            throw error(index, "adds '" + name + "', which is not an initializer or Constant; vecnn reads a constant"
                    + " bias");
        }
        String where = "bias '" + name + "' of " + OnnxGraphOrder.describe(graph, index);
        checkDtype(index, where, tensor);
        long[] dims = OnnxTensors.dims(file, where, tensor);
        int count = OnnxTensors.count(dims);
        boolean row = (dims.length == 1 && dims[0] == units) || (dims.length == 2 && dims[0] == 1 && dims[1] == units);
        if (!row && count != 1) {
            throw error(index, "adds " + where + " of shape " + OnnxTensors.shapeText(tensor) + " to " + units
                    + " units; it must be (" + units + "), (1, " + units + ") or one value");
        }
        double[] values = OnnxTensors.floatingValues(file, where, tensor);
        if (values.length == units) {
            return values;
        }
        double[] broadcast = new double[units];
        java.util.Arrays.fill(broadcast, values[0]);
        return broadcast;
    }

    private void checkDtype(int index, String where, TensorProto tensor) throws ModelFileException {
        DType type = OnnxTensors.dtypeOf(tensor.getDataType());
        if (type != dtype) {
            throw error(index, "uses " + where + " of type " + OnnxTensors.typeName(tensor.getDataType())
                    + ", but the graph input is " + OnnxTensors.typeName(OnnxTensors.dataType(dtype))
                    + "; vecnn imports models of one element type");
        }
    }

    private static long intAttribute(NodeProto node, String name, long fallback) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name)) {
                return attribute.getI();
            }
        }
        return fallback;
    }

    private static double floatAttribute(NodeProto node, String name, double fallback) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name)) {
                return attribute.getF();
            }
        }
        return fallback;
    }

    private ModelFileException error(int index, String problem) {
        return new ModelFileException(file + ": " + OnnxGraphOrder.describe(graph, index) + " " + problem);
    }
}
