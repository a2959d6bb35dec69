package io.slimkws.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A training run, as the results cache knows it: stage, algorithm, hyper-parameters, schedule,
 * profile, data fingerprint, seed and the run it warm-starts from. Two specs with the same
 * canonical text are the same run; its id is a digest of that text.
 */
public record RunSpec(
        String name,
        Stage stage,
        Algorithm algorithm,
        Hyper hyper,
        Schedule schedule,
        String profile,
        String dataFingerprint,
        long seed,
        String warmStart) {

    /**
     * Version of the training code's behaviour, part of every run's identity: bump it when a change
     * alters what a run computes, so cached runs of the old code are never served as this code's.
     * 2: KwsStep (own dropout masks, pruned compute in Stages II/III), evaluation at step 0, eval
     * loss. 3: conv1's dropout before the max-pool, where TensorFlow's {@code conv} model has it
     * (was after). 4: dropout masks from a counter-based hash of the step's seed (model.Dropout),
     * not ND4J's Bernoulli draws: the same distribution, other masks for the same seed; float32
     * kernels of the JDK's Vector API after conv1 (model.Conv1Block) and the fc layer's GEMMs
     * through oneDNN. 5: the fc layer's backward fused with conv2's ReLU and dropout backward
     * (model.FcBackward: other rounding of the same sums); the evaluation's training accuracy and
     * loss from one forward pass.
     */
    public static final int TRAINER_VERSION = 5;

    /** Canonical text: every field that changes what is trained, in a fixed order. */
    public String canonical() {
        return "stage="
                + stage
                + "\nalgorithm="
                + algorithm
                + "\n"
                + hyper.describe()
                + "\nschedule="
                + schedule
                + "\nprofile="
                + profile
                + "\ndata="
                + dataFingerprint
                + "\nseed="
                + seed
                + "\nwarmStart="
                + (warmStart == null ? "" : warmStart)
                + "\nmodel=kws-cnn-tf-conv-v1\ntrainer="
                + TRAINER_VERSION
                + "\n"
                // Only a revised rule says so: the runs of rules never revised keep their identity.
                + (algorithm.revision > 0
                        ? "rule=" + algorithm.id() + "-r" + algorithm.revision + "\n"
                        : "")
                // The cap acts on ∇ℓ alone, before a rule's own term (see TrainingStep#update);
                // only capped
                // runs of such rules differ from a cap on the whole gradient, so only theirs say
                // so.
                + (schedule.clipNorm() > 0 && algorithm.addsGradientTerm
                        ? "clip=loss-gradient\n"
                        : "");
    }

    public String id() {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Folder name under runs/&lt;profile&gt;/. */
    public String folder() {
        return name.replaceAll("[^A-Za-z0-9._-]+", "_") + "-" + id();
    }
}
