package io.slimkws.paper;

import io.slimkws.report.*;
import io.slimkws.train.*;

/**
 * The paper's reported values, typed in here and nowhere else (Lyu and Sheen 2019, Tables 1-3,
 * Figures 2-7, Sections 4-5). Every other number the notebooks show is computed.
 */
public final class PaperValues {
    private PaperValues() {}

    /** One row of Tables 1-3: β, λ, μ, validation accuracy (%), channel sparsity (%). */
    public record Row(
            String model,
            double beta,
            double lambda,
            double mu,
            double accuracy,
            double sparsity) {}

    public static final Row ORIGINAL = new Row("Original Audio-CNN", 0, 0, 0, 88.5, 0);

    /** Table 1: after Stage I (channel pruning). */
    public static final Row T1_GL = new Row("GL Ch-pruning", 0, 0, 0.6, 66.8, 0);

    public static final Row T1_RGSM_004 = new Row("RGSM Ch-pruning", 1, 0.04, 0, 76.6, 51.6);
    public static final Row T1_RGSM_005 = new Row("RGSM Ch-pruning", 1, 0.05, 0, 59.8, 56.3);
    public static final Row T1_GSBC_004 = new Row("GSBC Ch-pruning", 0, 0.04, 0, 80.9, 26.6);

    /** Table 2: after Stage II (float retraining). */
    public static final Row T2_004 =
            new Row("RGSM Ch-pruning + Float Weight Retrain", 1, 0.04, 0, 89.2, 51.6);

    public static final Row T2_005 =
            new Row("RGSM Ch-pruning + Float Weight Retrain", 1, 0.05, 0, 87.9, 56.3);

    /** Table 3: after Stage III (weight binarization, ρ = 1e-5). */
    public static final Row T3_004 =
            new Row("RGSM Ch-pruning + Weight Binarization", 1, 0.04, 0, 88.3, 51.6);

    public static final Row T3_005 =
            new Row("RGSM Ch-pruning + Weight Binarization", 1, 0.05, 0, 87.0, 56.3);

    /**
     * Fig. 2: RGSM (λ, β) = (0.05, 1), validation accuracy peaks above 80 % near epoch 20 and ends
     * at 59.84 %.
     */
    public static final double FIG2_PEAK_ABOVE = 80.0;

    public static final double FIG2_PEAK_EPOCH = 20;
    public static final double FIG2_FINAL = 59.84;

    /** Fig. 3: channel sparsity grows from epoch 20 to 56.3 % at the last epoch. */
    public static final double FIG3_FINAL = 56.3;

    public static final double FIG3_ONSET_EPOCH = 20;

    /** Fig. 6 and 7 (Stage II and III at 56.3 % sparsity): last-epoch accuracy. */
    public static final double FIG6_FINAL = 87.94;

    public static final double FIG7_FINAL = 87.0;

    /** Stage I schedule: 18,000 iterations, about 50 epochs. */
    public static final int STAGE1_STEPS = 18_000;

    public static final int STAGE1_EPOCHS = 50;

    /** Fig. 4: the channels RGSM λ = 0.05 keeps (56.3 % of 64 removed leaves 28). */
    public static final int FIG4_KEPT = 28;

    /**
     * Abstract: accuracy loss of the final slim model within 0.25 %; channel sparsity over 50 %.
     */
    public static final double ABSTRACT_MAX_ACCURACY_LOSS = 0.25;

    public static final double ABSTRACT_MIN_SPARSITY = 50.0;

    /** Section 5: CPU speed-up of the pruned float network (Fig. 5) on a MacBook Air. */
    public static final double SPEEDUP_PERCENT = 28.87;

    /** Stage III blending parameter. */
    public static final double RHO = 1e-5;
}
