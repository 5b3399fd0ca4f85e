package org.vecnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vecnn.Backends;
import org.vecnn.nn.Mlp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vecnn export MODEL --onnx FILE}: a saved model as an ONNX model that ONNX Runtime and other tools run. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a model saved with `vecnn train --save` (or an .onnx model) as an ONNX model: opset 17, "
                + "the model's dtype (float32 or float64), input \"input\" of shape (batch, features) and output "
                + "\"output\", one Gemm and one activation node per layer. ONNX Runtime, PyTorch's and other ONNX "
                + "tools read it; `vecnn predict` and `vecnn evaluate` read it back."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by `vecnn train --save`.")
    Path model;

    @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "The ONNX file to write.")
    Path onnx;

    @Override
    public Integer call() throws Exception {
        Mlp mlp = ModelFiles.load(model, Backends.get("loops"));
        mlp.saveOnnx(onnx);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + onnx + " (ONNX, opset " + org.vecnn.nn.onnx.Onnx.OPSET + ", " + mlp.dtype().numpyName()
                + "): " + mlp.inputSize() + " inputs -> " + mlp.outputSize() + " outputs, " + mlp.layerCount()
                + " layers, from " + model);
        return ExitCodes.OK;
    }
}
