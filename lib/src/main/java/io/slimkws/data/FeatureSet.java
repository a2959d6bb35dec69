package io.slimkws.data;

import io.slimkws.audio.Mfcc;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Clean MFCC features of a list of clips: one flat row-major [n][98 x 40] block and the labels,
 * shaped for the model as [batch, 1, 98, 40] (NCHW) with one-hot labels [batch, 12].
 */
public final class FeatureSet {
    public static final int FRAMES = 98;
    public static final int DIM = FRAMES * Mfcc.COEFFS;

    private final float[] x;
    private final int[] y;

    public FeatureSet(float[] x, int[] y) {
        if (x.length != (long) y.length * DIM) {
            throw new IllegalArgumentException(
                    "features hold "
                            + x.length
                            + " floats for "
                            + y.length
                            + " labels; expected "
                            + (long) y.length * DIM);
        }
        this.x = x;
        this.y = y;
    }

    public int size() {
        return y.length;
    }

    public int label(int i) {
        return y[i];
    }

    public int[] labels() {
        return y.clone();
    }

    /** The [98][40] MFCC of example i (a copy). */
    public float[][] mfcc(int i) {
        float[][] m = new float[FRAMES][Mfcc.COEFFS];
        for (int f = 0; f < FRAMES; f++) {
            System.arraycopy(x, i * DIM + f * Mfcc.COEFFS, m[f], 0, Mfcc.COEFFS);
        }
        return m;
    }

    float[] raw() {
        return x;
    }

    /** Examples [from, to) as one DataSet. */
    public DataSet slice(int from, int to) {
        int b = to - from;
        float[] xs = new float[b * DIM];
        System.arraycopy(x, from * DIM, xs, 0, b * DIM);
        int[] ys = new int[b];
        System.arraycopy(y, from, ys, 0, b);
        return toDataSet(xs, ys);
    }

    /** The examples at {@code idx}, in that order, as one DataSet. */
    public DataSet rows(int[] idx) {
        float[] xs = new float[idx.length * DIM];
        int[] ys = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(x, idx[i] * DIM, xs, i * DIM, DIM);
            ys[i] = y[idx[i]];
        }
        return toDataSet(xs, ys);
    }

    /** Consecutive batches covering every example once, in order (evaluation). */
    public Iterator<DataSet> batches(int batchSize) {
        return new Iterator<>() {
            int at = 0;

            @Override
            public boolean hasNext() {
                return at < y.length;
            }

            @Override
            public DataSet next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int to = Math.min(y.length, at + batchSize);
                DataSet d = slice(at, to);
                at = to;
                return d;
            }
        };
    }

    public List<DataSet> batchList(int batchSize) {
        List<DataSet> l = new ArrayList<>();
        batches(batchSize).forEachRemaining(l::add);
        return l;
    }

    static DataSet toDataSet(float[] xs, int[] ys) {
        int b = ys.length;
        INDArray features = Nd4j.create(xs, new long[] {b, 1, FRAMES, Mfcc.COEFFS}, 'c');
        float[] oneHot = new float[b * Labels.COUNT];
        for (int i = 0; i < b; i++) {
            oneHot[i * Labels.COUNT + ys[i]] = 1f;
        }
        INDArray labels = Nd4j.create(oneHot, new long[] {b, Labels.COUNT}, 'c');
        return new DataSet(features, labels);
    }
}
