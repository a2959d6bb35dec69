package io.slimkws.cli;

import io.slimkws.model.ChannelMask;
import io.slimkws.model.KwsCnn;
import io.slimkws.model.OnnxExport;
import io.slimkws.paper.Classify;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Writes a trained network as an ONNX model: {@code environment/run-java io.slimkws.cli.Export
 * --onnx MODEL OUT.onnx}. MODEL is a finished run folder of runs/&lt;profile&gt;/ (the dense
 * original, a Stage II pruned float network, a Stage III binarised one), its model.zip, or a slim
 * model (.skws). Only the kept channels are written (a run's removed channels are its all-zero
 * groups of conv2). The model's input is the library's MFCC feature map ({@link OnnxExport}).
 */
public final class Export {
    private Export() {}

    public static void main(String[] args) {
        if (args.length != 3 || !args[0].equals("--onnx")) {
            System.err.println(
                    "usage: environment/run-java io.slimkws.cli.Export --onnx MODEL OUT.onnx\n"
                        + "  MODEL  a finished run folder of runs/<profile>/, its model.zip, or a"
                        + " slim model (.skws)\n"
                        + "  OUT    the ONNX file to write (input: the library's MFCC [batch, 1, "
                            + KwsCnn.FRAMES
                            + ", "
                            + KwsCnn.COEFFS
                            + "])");
            System.exit(2);
        }
        Path model = Path.of(args[1]);
        Path out = Path.of(args[2]);
        try {
            MultiLayerNetwork net = Classify.load(model);
            // A run's network holds every channel, the removed ones as all-zero groups of conv2;
            // a slim model is already pruned (conv2 has only its kept inputs).
            ChannelMask mask =
                    ChannelMask.fromWeights(net.getLayer(KwsCnn.CONV2).getParam("W"), 0.0);
            if (mask.keptCount() == 0) {
                throw new IOException(
                        model + " removed every channel of conv2: there is no network to export");
            }
            String name = model.toAbsolutePath().normalize().getFileName().toString();
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            long bytes = OnnxExport.write(net, mask, name, out);
            System.out.println(
                    String.format(
                            "Export: wrote %s (%,d bytes; %d of %d input channels of conv2 kept;"
                                    + " float32 weights)",
                            out, bytes, mask.keptCount(), mask.channels()));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("Export: " + e.getMessage());
            System.exit(1);
        }
    }
}
