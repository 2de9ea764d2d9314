package io.tierserve.worker.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a single-graph ONNX model of float tensors, node by node, and serialises it as the
 * {@code ModelProto} protobuf (field numbers from onnx/onnx.proto, IR version 8, opset 13).
 *
 * <p>A dimension of {@code -1} in an input or output is written as the symbolic batch dimension
 * {@code N}.
 */
public final class OnnxGraph {

    private static final long IR_VERSION = 8;
    private static final long OPSET = 13;
    private static final int FLOAT = 1;
    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_INTS = 7;

    private final String name;
    private final List<Proto> nodes = new ArrayList<>();
    private final List<Proto> initializers = new ArrayList<>();
    private final List<Proto> inputs = new ArrayList<>();
    private final List<Proto> outputs = new ArrayList<>();
    private int nodeCount;

    public OnnxGraph(String name) {
        this.name = name;
    }

    /** A node attribute. */
    public record Attribute(String name, int type, long[] ints, float value) {

        public static Attribute ints(String name, long... values) {
            return new Attribute(name, ATTRIBUTE_INTS, values, 0);
        }

        public static Attribute integer(String name, long value) {
            return new Attribute(name, ATTRIBUTE_INT, new long[] {value}, 0);
        }

        public static Attribute real(String name, float value) {
            return new Attribute(name, ATTRIBUTE_FLOAT, new long[0], value);
        }
    }

    /** Declares a graph input and returns its name. */
    public String input(String tensor, long... dims) {
        inputs.add(valueInfo(tensor, dims));
        return tensor;
    }

    /** Declares a graph output (an existing tensor name). */
    public void output(String tensor, long... dims) {
        outputs.add(valueInfo(tensor, dims));
    }

    /** Adds a constant float tensor and returns its name. */
    public String initializer(String tensor, long[] dims, float[] data) {
        long size = 1;
        for (long dim : dims) {
            size *= dim;
        }
        if (size != data.length) {
            throw new IllegalArgumentException(tensor + ": " + data.length + " values for " + size + " elements");
        }
        ByteBuffer raw = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        initializers.add(new Proto()
                .packedVarints(1, dims)
                .varint(2, FLOAT)
                .string(8, tensor)
                .bytes(9, raw.array()));
        return tensor;
    }

    /** Adds a node computing {@code output} from {@code nodeInputs}; returns {@code output}. */
    public String node(String opType, List<String> nodeInputs, String output, Attribute... attributes) {
        Proto node = new Proto();
        for (String in : nodeInputs) {
            node.string(1, in);
        }
        node.string(2, output).string(3, opType + "_" + nodeCount++).string(4, opType);
        for (Attribute attribute : attributes) {
            Proto a = new Proto().string(1, attribute.name());
            switch (attribute.type()) {
                case ATTRIBUTE_FLOAT -> a.fixed32(2, attribute.value());
                case ATTRIBUTE_INT -> a.varint(3, attribute.ints()[0]);
                case ATTRIBUTE_INTS -> {
                    for (long v : attribute.ints()) {
                        a.varint(8, v);
                    }
                }
                default -> throw new IllegalArgumentException("attribute type " + attribute.type());
            }
            a.varint(20, attribute.type());
            node.message(5, a);
        }
        nodes.add(node);
        return output;
    }

    /** The serialised {@code ModelProto}. */
    public byte[] toModel(String producer) {
        Proto graph = new Proto();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, name);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        return new Proto()
                .varint(1, IR_VERSION)
                .string(2, producer)
                .message(7, graph)
                .message(8, new Proto().varint(2, OPSET))
                .toByteArray();
    }

    private static Proto valueInfo(String tensor, long[] dims) {
        Proto shape = new Proto();
        for (long dim : dims) {
            shape.message(1, dim < 0 ? new Proto().string(2, "N") : new Proto().varint(1, dim));
        }
        Proto tensorType = new Proto().varint(1, FLOAT).message(2, shape);
        return new Proto().string(1, tensor).message(2, new Proto().message(1, tensorType));
    }
}
