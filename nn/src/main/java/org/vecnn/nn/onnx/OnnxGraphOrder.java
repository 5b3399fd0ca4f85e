package org.vecnn.nn.onnx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vecnn.nn.io.ModelFileException;
import org.vecnn.nn.onnx.proto.OnnxProto.GraphProto;
import org.vecnn.nn.onnx.proto.OnnxProto.NodeProto;

/**
 * The nodes of a graph in an order where every node comes after the nodes whose outputs it reads (Kahn's algorithm):
 * a value produced twice, or a cycle, is an error naming a node, so no later walk of the graph can loop.
 */
final class OnnxGraphOrder {
    private OnnxGraphOrder() {
    }

    /** The indices of {@code graph}'s nodes, producers first. */
    static List<Integer> sorted(String file, GraphProto graph) throws ModelFileException {
        int n = graph.getNodeCount();
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (String output : graph.getNode(i).getOutputList()) {
                if (output.isEmpty()) {
                    continue;
                }
                Integer other = producer.putIfAbsent(output, i);
                if (other != null) {
                    throw new ModelFileException(file + ": value '" + output + "' is produced by two nodes, "
                            + describe(graph, other) + " and " + describe(graph, i) + "; an ONNX graph assigns each "
                            + "value once");
                }
            }
        }
        int[] waiting = new int[n];
        List<List<Integer>> readers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            readers.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (String input : graph.getNode(i).getInputList()) {
                Integer from = producer.get(input);
                if (from != null) {
                    waiting[i]++;
                    readers.get(from).add(i);
                }
            }
        }
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int node = ready.poll();
            order.add(node);
            for (int reader : readers.get(node)) {
                if (--waiting[reader] == 0) {
                    ready.add(reader);
                }
            }
        }
        if (order.size() < n) {
            List<String> stuck = new ArrayList<>();
            for (int i = 0; i < n && stuck.size() < 5; i++) {
                if (waiting[i] > 0) {
                    stuck.add(describe(graph, i));
                }
            }
            throw new ModelFileException(file + ": the graph has a cycle: " + (n - order.size()) + " nodes wait, "
                    + "directly or through others, on their own outputs (" + String.join(", ", stuck)
                    + (n - order.size() > stuck.size() ? ", ..." : "") + "); an ONNX graph is acyclic");
        }
        return order;
    }

    /** E.g. {@code node 3 (Gemm 'fc1')}. */
    static String describe(GraphProto graph, int index) {
        NodeProto node = graph.getNode(index);
        return "node " + index + " (" + node.getOpType() + (node.getName().isEmpty() ? "" : " '" + node.getName() + "'")
                + ")";
    }
}
