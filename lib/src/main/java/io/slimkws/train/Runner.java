package io.slimkws.train;

import io.slimkws.data.Clip;
import io.slimkws.data.FeatureCache;
import io.slimkws.data.FeatureSet;
import io.slimkws.data.KwsData;
import io.slimkws.model.ChannelMask;
import io.slimkws.model.KwsCnn;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loads a run from the {@link RunStore} when it finished earlier, else trains it (resuming from its
 * checkpoint) under a lock, so that two processes never train the same run; a warm-started run
 * starts from the finished run it names.
 */
public final class Runner {
    /** Run folders already reported as loaded from the cache in this JVM. */
    private static final Set<Path> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private final RunStore store;
    private final KwsData data;
    private final PrintStream out;
    private final boolean waitForOthers;

    public Runner(RunStore store, KwsData data, PrintStream out) {
        this(store, data, out, false);
    }

    /**
     * {@code waitForOthers}: a run another process is training is waited for and then loaded (lanes
     * and shards of {@code ./reproduce train}), not refused (a notebook).
     */
    public Runner(RunStore store, KwsData data, PrintStream out, boolean waitForOthers) {
        this.store = store;
        this.data = data;
        this.out = out;
        this.waitForOthers = waitForOthers;
    }

    public RunResult run(RunSpec spec) throws IOException {
        return run(spec, null);
    }

    /**
     * Loads, resumes or trains {@code spec}. {@code stopAfter} is a test hook that simulates a kill
     * (null is returned then).
     */
    public RunResult run(RunSpec spec, IntPredicate stopAfter) throws IOException {
        RunResult done = store.cachedOrSetAside(spec, out);
        if (done != null) {
            if (ANNOUNCED.add(done.dir())) { // one line per run, not one per lookup
                out.println(
                        spec.name()
                                + ": finished earlier, loaded from "
                                + store.home().relativize(done.dir()));
            }
            return done;
        }
        try (RunLock lock =
                RunLock.acquire(store.dir(spec), spec.name(), waitForOthers ? out : null)) {
            // Another process may have finished it while this one waited for nothing: look again
            // under the lock.
            done = store.cachedOrSetAside(spec, out);
            if (done != null) {
                out.println(
                        spec.name()
                                + ": finished by another process, loaded from "
                                + store.home().relativize(done.dir()));
                return done;
            }
            return train(spec, stopAfter);
        }
    }

    private RunResult train(RunSpec spec, IntPredicate stopAfter) throws IOException {
        Path d = store.dir(spec);
        try {
            Checkpoint resume = store.begin(spec, out);
            if (resume != null) {
                out.println(
                        spec.name() + ": resuming from the checkpoint at step " + resume.step());
            }
            MultiLayerNetwork net = KwsCnn.build(spec.schedule().updater(), spec.seed());
            ChannelMask mask = null;
            if (spec.warmStart() != null) {
                RunResult warm = store.byId(spec.profile(), spec.warmStart());
                if (warm.mask().keptCount() == 0 && spec.stage() != Stage.I) {
                    throw new IllegalArgumentException(
                            spec.name()
                                    + " starts from "
                                    + warm.dir().getFileName()
                                    + ", which removed every channel of conv2: a network without"
                                    + " channels cannot be retrained");
                }
                net.params().assign(warm.model().params());
                mask = warm.mask();
            }
            Trainer t =
                    new Trainer(
                            spec,
                            data,
                            net,
                            mask,
                            trainEvalFeatures(spec.schedule().trainEvalClips()));
            long t0 = System.nanoTime();
            TrainingLog log = t.train(d, resume, out, stopAfter);
            if (stopAfter != null
                    && log.last().map(TrainingLog.Row::step).orElse(0) < spec.schedule().steps()) {
                return null; // simulated kill: leave the run resumable
            }
            MultiLayerNetwork eval = t.evaluationNetwork();
            double test = Trainer.accuracy(eval, data.testing());
            double val = Trainer.accuracy(eval, data.validation());
            INDArray w2 = eval.getLayer(KwsCnn.CONV2).getParam("W");
            double tol = spec.algorithm() == Algorithm.GL ? Trainer.GL_TOLERANCE : 0.0;
            ChannelMask finalMask = ChannelMask.fromWeights(w2, tol);
            RunResult r =
                    store.finish(
                            spec,
                            eval,
                            net,
                            val,
                            test,
                            finalMask,
                            log.last().map(TrainingLog.Row::seconds).orElse(0.0),
                            (System.nanoTime() - t0) / 1e9);
            out.println(
                    String.format(
                            "%s: finished, validation %.2f %%, test %.2f %%, channel sparsity %.1f"
                                    + " %%",
                            spec.name(), val, test, 100 * finalMask.sparsity()));
            return r;
        } catch (DivergedException | EmptyLayerException e) {
            store.fail(spec, e.getMessage());
            throw e;
        } catch (RuntimeException | IOException | Error e) {
            // Errors too (out of memory, a class gone from a jar rebuilt under a running JVM):
            // the run must never be left looking like it is still running.
            store.fail(spec, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    private FeatureSet trainEvalFeatures(int n) throws IOException {
        // Every k-th training clip: the list is grouped by label, so a prefix would be one class.
        var all = data.training();
        int stride = Math.max(1, all.size() / Math.max(1, n));
        var clips = new ArrayList<Clip>();
        for (int i = 0; i < all.size() && clips.size() < n; i += stride) {
            clips.add(all.get(i));
        }
        return new FeatureCache(store.home().resolve("cache").resolve("features"))
                .features(clips, data.noise());
    }
}
