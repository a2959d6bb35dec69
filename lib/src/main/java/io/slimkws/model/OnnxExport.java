package io.slimkws.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.slimkws.files.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The keyword CNN as an ONNX model (opset 13), physically pruned: only the channels a run keeps.
 * Its input is the MFCC feature map the library computes, {@code mfcc} [batch, 1, 98, 40] (the MFCC
 * itself stays in the library: {@link io.slimkws.audio.Mfcc}); its outputs are {@code logits}
 * [batch, 12] and {@code probabilities} (their softmax). The graph is the one {@link KwsCnn}
 * declares: Conv 20x8 SAME → Relu → MaxPool 2x2/2 → Conv 10x4 SAME → Relu → Flatten → Gemm. SAME is
 * written as explicit pads, TensorFlow's (and DL4J's) split: the odd pixel at the end (top/left (k
 * − 1)/2 rounded down). ONNX has no 1-bit convolution, so a binarised layer is stored as float32
 * ±a: 32 times the bits of {@link SlimModel}.
 */
public final class OnnxExport {
    /** The opset the graph is written for (Gemm, Conv, MaxPool, Flatten, Softmax of opset 13). */
    public static final int OPSET = 13;

    /** The IR version of that opset's release (ONNX 1.8). */
    public static final int IR_VERSION = 7;

    public static final String INPUT = "mfcc";
    public static final String LOGITS = "logits";
    public static final String PROBABILITIES = "probabilities";

    private OnnxExport() {}

    /**
     * The ONNX model of {@code net} with the channels of {@code mask} only (null: every channel),
     * named {@code name}. A network whose layers are not the keyword CNN's is refused naming the
     * first layer ONNX export cannot express here.
     */
    public static ModelProto model(MultiLayerNetwork net, ChannelMask mask, String name) {
        checkArchitecture(net);
        MultiLayerNetwork p =
                mask == null || mask.keptCount() == mask.channels()
                        ? net
                        : PrunedNetwork.of(net, mask);
        GraphProto.Builder g = GraphProto.newBuilder().setName(name);
        g.addInput(floatInput(INPUT, KwsCnn.FRAMES, KwsCnn.COEFFS));
        INDArray w1 = p.getLayer(KwsCnn.CONV1).getParam("W");
        INDArray w2 = p.getLayer(KwsCnn.CONV2).getParam("W");
        g.addInitializer(tensor("conv1.W", w1));
        g.addInitializer(tensor("conv1.b", p.getLayer(KwsCnn.CONV1).getParam("b").reshape(-1)));
        g.addInitializer(tensor("conv2.W", w2));
        g.addInitializer(tensor("conv2.b", p.getLayer(KwsCnn.CONV2).getParam("b").reshape(-1)));
        g.addInitializer(tensor("fc.W", p.getLayer(KwsCnn.FC).getParam("W")));
        g.addInitializer(tensor("fc.b", p.getLayer(KwsCnn.FC).getParam("b").reshape(-1)));
        g.addNode(conv("conv1", INPUT, "conv1.W", "conv1.b", w1, "conv1.out"));
        g.addNode(node("Relu", "relu1", List.of("conv1.out"), "relu1.out"));
        g.addNode(
                node("MaxPool", "pool1", List.of("relu1.out"), "pool1.out")
                        .addAttribute(ints("kernel_shape", KwsCnn.ARCH.pool(), KwsCnn.ARCH.pool()))
                        .addAttribute(ints("strides", KwsCnn.ARCH.pool(), KwsCnn.ARCH.pool()))
                        .build());
        g.addNode(conv("conv2", "pool1.out", "conv2.W", "conv2.b", w2, "conv2.out"));
        g.addNode(node("Relu", "relu2", List.of("conv2.out"), "relu2.out"));
        // DL4J flattens NCHW in c order before the dense layer: ONNX's Flatten on axis 1 is the
        // same order.
        g.addNode(
                node("Flatten", "flatten", List.of("relu2.out"), "flat")
                        .addAttribute(axis(1))
                        .build());
        g.addNode(node("Gemm", "fc", List.of("flat", "fc.W", "fc.b"), LOGITS).build());
        g.addNode(
                node("Softmax", "softmax", List.of(LOGITS), PROBABILITIES)
                        .addAttribute(axis(1))
                        .build());
        g.addOutput(floatOutput(LOGITS));
        g.addOutput(floatOutput(PROBABILITIES));
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("slimkws")
                .setDocString(
                        "Lyu & Sheen (2019) keyword CNN, "
                                + w1.size(0)
                                + " of "
                                + KwsCnn.CHANNELS
                                + " channels kept; input: the library's MFCC [batch, 1, "
                                + KwsCnn.FRAMES
                                + ", "
                                + KwsCnn.COEFFS
                                + "]")
                .setGraph(g)
                .build();
    }

    /** Writes {@link #model} to {@code out}; returns its size in bytes. */
    public static long write(MultiLayerNetwork net, ChannelMask mask, String name, Path out)
            throws IOException {
        byte[] bytes = model(net, mask, name).toByteArray();
        AtomicFiles.replace(out, f -> Files.write(f, bytes));
        return bytes.length;
    }

    /** The layers this export writes, in order; anything else is named and refused. */
    static void checkArchitecture(MultiLayerNetwork net) {
        Layer[] layers = net.getLayers();
        if (layers.length != 4) {
            throw new IllegalArgumentException(
                    "ONNX export writes the keyword CNN's four layers (conv1, pool1, conv2, fc);"
                            + " this network has "
                            + layers.length);
        }
        String[] names = {"conv1", "pool1", "conv2", "fc"};
        for (int i = 0; i < 4; i++) {
            var conf = layers[i].conf().getLayer();
            boolean ok =
                    switch (i) {
                        case 0, 2 ->
                                conf instanceof ConvolutionLayer c
                                        && !(conf instanceof SubsamplingLayer)
                                        && c.getConvolutionMode() == ConvolutionMode.Same
                                        && c.getStride()[0] == 1
                                        && c.getStride()[1] == 1
                                        && c.getDilation()[0] == 1
                                        && c.getDilation()[1] == 1
                                        && c.getActivationFn() instanceof ActivationReLU;
                        case 1 ->
                                conf instanceof SubsamplingLayer s
                                        && "MAX".equals(String.valueOf(s.getPoolingType()));
                        default ->
                                conf instanceof OutputLayer o
                                        && o.getActivationFn() instanceof ActivationSoftmax;
                    };
            if (!ok) {
                throw new IllegalArgumentException(
                        "ONNX export cannot express layer "
                                + i
                                + " ("
                                + layers[i].conf().getLayer().getLayerName()
                                + ", "
                                + conf.getClass().getSimpleName()
                                + "): expected "
                                + names[i]
                                + " as KwsCnn declares it");
            }
        }
    }

    private static NodeProto conv(
            String name, String in, String w, String b, INDArray weights, String out) {
        int kh = (int) weights.size(2);
        int kw = (int) weights.size(3);
        // SAME at stride 1: k − 1 pixels of padding, the smaller half before (TensorFlow's rule).
        int top = (kh - 1) / 2;
        int left = (kw - 1) / 2;
        return node("Conv", name, List.of(in, w, b), out)
                .addAttribute(ints("kernel_shape", kh, kw))
                .addAttribute(ints("strides", 1, 1))
                .addAttribute(ints("pads", top, left, kh - 1 - top, kw - 1 - left))
                .build();
    }

    private static NodeProto.Builder node(String op, String name, List<String> in, String out) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addOutput(out);
    }

    private static AttributeProto axis(long a) {
        return AttributeProto.newBuilder()
                .setName("axis")
                .setType(AttributeProto.AttributeType.INT)
                .setI(a)
                .build();
    }

    private static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a =
                AttributeProto.newBuilder()
                        .setName(name)
                        .setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    /** A float32 tensor in row-major order, little-endian raw data (ONNX's layout). */
    static TensorProto tensor(String name, INDArray a) {
        float[] v = a.dup('c').castTo(DataType.FLOAT).data().asFloat();
        ByteBuffer buf = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        TensorProto.Builder t =
                TensorProto.newBuilder()
                        .setName(name)
                        .setDataType(TensorProto.DataType.FLOAT.getNumber())
                        .setRawData(ByteString.copyFrom(buf.array()));
        for (long d : a.shape()) {
            t.addDims(d);
        }
        return t.build();
    }

    private static ValueInfoProto floatInput(String name, int frames, int coeffs) {
        TensorShapeProto.Builder s =
                TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(frames))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(coeffs));
        return valueInfo(name, s);
    }

    private static ValueInfoProto floatOutput(String name) {
        TensorShapeProto.Builder s =
                TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .addDim(
                                TensorShapeProto.Dimension.newBuilder()
                                        .setDimValue(KwsCnn.CLASSES));
        return valueInfo(name, s);
    }

    private static ValueInfoProto valueInfo(String name, TensorShapeProto.Builder shape) {
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(
                        TypeProto.newBuilder()
                                .setTensorType(
                                        TypeProto.Tensor.newBuilder()
                                                .setElemType(TensorProto.DataType.FLOAT.getNumber())
                                                .setShape(shape)))
                .build();
    }
}
