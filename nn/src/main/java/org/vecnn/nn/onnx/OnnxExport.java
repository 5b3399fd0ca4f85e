package org.vecnn.nn.onnx;

import java.util.Locale;
import org.vecnn.DType;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.onnx.proto.OnnxProto.AttributeProto;
import org.vecnn.nn.onnx.proto.OnnxProto.GraphProto;
import org.vecnn.nn.onnx.proto.OnnxProto.ModelProto;
import org.vecnn.nn.onnx.proto.OnnxProto.NodeProto;
import org.vecnn.nn.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.vecnn.nn.onnx.proto.OnnxProto.StringStringEntryProto;
import org.vecnn.nn.onnx.proto.OnnxProto.TensorShapeProto;
import org.vecnn.nn.onnx.proto.OnnxProto.TypeProto;
import org.vecnn.nn.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * An {@link Mlp} as an ONNX model: per dense layer one {@code Gemm} (weights {@code (inputs, units)}, no transpose,
 * bias) and the activation's node ({@code Relu}, {@code LeakyRelu}, {@code Sigmoid}, {@code Tanh},
 * {@code Softmax} on the last axis; none for identity), in the model's dtype, input {@value Onnx#INPUT} of shape
 * {@code (batch, inputs)} and output {@value Onnx#OUTPUT} of shape {@code (batch, outputs)}.
 */
final class OnnxExport {
    private OnnxExport() {
    }

    static ModelProto model(Mlp mlp) {
        DType dtype = mlp.dtype();
        GraphProto.Builder graph = GraphProto.newBuilder().setName("vecnn_mlp")
                .setDocString(mlp.toString());
        graph.addInput(valueInfo(Onnx.INPUT, dtype, mlp.inputSize()));
        graph.addOutput(valueInfo(Onnx.OUTPUT, dtype, mlp.outputSize()));
        String current = Onnx.INPUT;
        int inputs = mlp.inputSize();
        int last = mlp.layerCount() - 1;
        for (int i = 0; i <= last; i++) {
            String layer = "dense_" + (i + 1);
            int units = mlp.units(i);
            graph.addInitializer(OnnxTensors.encode(layer + ".weight", dtype, mlp.weights(i), inputs, units));
            graph.addInitializer(OnnxTensors.encode(layer + ".bias", dtype, mlp.biases(i), units));
            Activation activation = mlp.activation(i);
            boolean identity = activation.kind() == Activation.Kind.IDENTITY;
            String z = i == last && identity ? Onnx.OUTPUT : layer + ".z";
            graph.addNode(NodeProto.newBuilder().setName(layer + "/Gemm").setOpType("Gemm")
                    .addInput(current).addInput(layer + ".weight").addInput(layer + ".bias").addOutput(z));
            current = z;
            if (!identity) {
                String a = i == last ? Onnx.OUTPUT : layer + ".a";
                graph.addNode(activationNode(layer, activation, current, a));
                current = a;
            }
            inputs = units;
        }
        return ModelProto.newBuilder()
                .setIrVersion(Onnx.IR_VERSION)
                .setProducerName(Onnx.PRODUCER)
                .setProducerVersion(Onnx.producerVersion())
                .setDocString("A multilayer perceptron exported by vecnn: " + mlp)
                .setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(Onnx.OPSET))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey(Onnx.LOSS_KEY)
                        .setValue(mlp.loss().name().toLowerCase(Locale.ROOT)))
                .build();
    }

    private static NodeProto activationNode(String layer, Activation activation, String in, String out) {
        String op = switch (activation.kind()) {
            case RELU -> "Relu";
            case LEAKY_RELU -> "LeakyRelu";
            case SIGMOID -> "Sigmoid";
            case TANH -> "Tanh";
            case SOFTMAX -> "Softmax";
            case IDENTITY -> throw new AssertionError("identity has no node");
        };
        NodeProto.Builder node = NodeProto.newBuilder().setName(layer + "/" + op).setOpType(op).addInput(in)
                .addOutput(out);
        if (activation.kind() == Activation.Kind.LEAKY_RELU) {
            // ONNX's alpha is a float attribute: a float64 model's slope is rounded to float32 here.
            node.addAttribute(AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT)
                    .setF((float) activation.slope()));
        } else if (activation.kind() == Activation.Kind.SOFTMAX) {
            node.addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                    .setI(-1));
        }
        return node.build();
    }

    private static ValueInfoProto valueInfo(String name, DType dtype, int features) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(Onnx.BATCH))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(features))
                .build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(OnnxTensors.dataType(dtype)).setShape(shape)))
                .build();
    }
}
