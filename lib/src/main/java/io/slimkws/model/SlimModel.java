package io.slimkws.model;

import io.slimkws.files.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The slim model as one file: the Stage III network physically pruned (only the kept channels),
 * every weight as one sign bit with one scale a per layer (w = ±a), biases as float32.
 *
 * <pre>
 * int   magic "SKWS", int version 1
 * int   channels (64), int k, k × int kept channel indices
 * for conv1, conv2, fc: int rank, rank × long shape (c order), float a, (n + 7) / 8 bytes of sign bits
 *                      (bit i of byte i / 8 set: weight i is +a, most significant bit first),
 *                      int nb, nb × float bias
 * </pre>
 *
 * Big-endian (Java's DataOutputStream). {@link #read} builds the pruned DL4J network from it.
 */
public final class SlimModel {
    static final int MAGIC = 0x534B5753;
    static final int VERSION = 1;
    private static final int[] LAYERS = {0, 2, 3}; // conv1, conv2, fc in the pruned network
    private static final String[] NAMES = {"conv1", "conv2", "fc"};

    /** A loaded slim model: the pruned network and the channels it keeps. */
    public record Loaded(MultiLayerNetwork network, ChannelMask mask) {}

    private SlimModel() {}

    /**
     * Writes a binary network (every kept weight of a layer ±a; removed channels 0) as a slim
     * model. A layer that is not binary is refused with the layer and the offending value named.
     */
    public static long write(MultiLayerNetwork binary, ChannelMask mask, Path file)
            throws IOException {
        MultiLayerNetwork pruned = PrunedNetwork.of(binary, mask);
        AtomicFiles.replace(
                file,
                tmp -> {
                    try (DataOutputStream out =
                            new DataOutputStream(
                                    new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                        out.writeInt(MAGIC);
                        out.writeInt(VERSION);
                        out.writeInt(mask.channels());
                        int[] kept = mask.keptIndices();
                        out.writeInt(kept.length);
                        for (int g : kept) {
                            out.writeInt(g);
                        }
                        for (int l = 0; l < LAYERS.length; l++) {
                            INDArray w = pruned.getLayer(LAYERS[l]).getParam("W");
                            float[] v = w.dup('c').data().asFloat();
                            double a = 0;
                            for (float x : v) {
                                a += Math.abs(x);
                            }
                            a /= v.length;
                            byte[] bits = new byte[(v.length + 7) / 8];
                            for (int i = 0; i < v.length; i++) {
                                if (Math.abs(Math.abs(v[i]) - a) > 1e-5 * Math.max(a, 1e-12)) {
                                    throw new IllegalArgumentException(
                                            NAMES[l]
                                                    + " is not binary: weight "
                                                    + i
                                                    + " is "
                                                    + v[i]
                                                    + ", expected ±"
                                                    + a
                                                    + " (export the Stage III network, whose"
                                                    + " model.zip holds the binary weights)");
                                }
                                if (v[i] > 0) {
                                    bits[i / 8] |= (byte) (0x80 >>> (i % 8));
                                }
                            }
                            long[] shape = w.shape();
                            out.writeInt(shape.length);
                            for (long s : shape) {
                                out.writeLong(s);
                            }
                            out.writeFloat((float) a);
                            out.write(bits);
                            float[] b =
                                    pruned.getLayer(LAYERS[l])
                                            .getParam("b")
                                            .dup('c')
                                            .data()
                                            .asFloat();
                            out.writeInt(b.length);
                            for (float x : b) {
                                out.writeFloat(x);
                            }
                        }
                    }
                });
        return Files.size(file);
    }

    /**
     * Reads a slim model; a file that is not one, or is cut short, is named with what was expected.
     */
    public static Loaded read(Path file) throws IOException {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a slimkws slim model (no SKWS header)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(
                        file
                                + " is a slim model of version "
                                + version
                                + "; this library reads version "
                                + VERSION);
            }
            int channels = in.readInt();
            int k = in.readInt();
            if (channels != KwsCnn.CHANNELS || k < 1 || k > channels) {
                throw new IOException(
                        file
                                + ": "
                                + k
                                + " of "
                                + channels
                                + " channels kept; expected 1 to "
                                + KwsCnn.CHANNELS
                                + " of "
                                + KwsCnn.CHANNELS);
            }
            boolean[] keep = new boolean[channels];
            for (int i = 0; i < k; i++) {
                keep[in.readInt()] = true;
            }
            MultiLayerNetwork net = PrunedNetwork.withKept(k);
            for (int l = 0; l < LAYERS.length; l++) {
                INDArray w = net.getLayer(LAYERS[l]).getParam("W");
                long[] shape = new long[in.readInt()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = in.readLong();
                }
                if (!Arrays.equals(shape, w.shape())) {
                    throw new IOException(
                            file
                                    + ": "
                                    + NAMES[l]
                                    + " has shape "
                                    + Arrays.toString(shape)
                                    + ", expected "
                                    + Arrays.toString(w.shape()));
                }
                float a = in.readFloat();
                int n = (int) w.length();
                byte[] bits = new byte[(n + 7) / 8];
                in.readFully(bits);
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (bits[i / 8] & (0x80 >>> (i % 8))) != 0 ? a : -a;
                }
                w.assign(Nd4j.create(v, shape, 'c').castTo(DataType.FLOAT));
                INDArray b = net.getLayer(LAYERS[l]).getParam("b");
                int nb = in.readInt();
                if (nb != b.length()) {
                    throw new IOException(
                            file
                                    + ": "
                                    + NAMES[l]
                                    + " has "
                                    + nb
                                    + " biases, expected "
                                    + b.length());
                }
                float[] bv = new float[nb];
                for (int i = 0; i < nb; i++) {
                    bv[i] = in.readFloat();
                }
                b.assign(Nd4j.create(bv, b.shape(), 'c'));
            }
            if (in.read() != -1) {
                throw new IOException(
                        file
                                + " has bytes after the model: not a slim model written by this"
                                + " library");
            }
            return new Loaded(net, new ChannelMask(keep));
        } catch (EOFException e) {
            throw new IOException(file + " is cut short: not a whole slim model", e);
        }
    }
}
