package io.slimkws.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.TinyCorpus;
import io.slimkws.data.CorpusLoader;
import io.slimkws.data.KwsData;
import io.slimkws.data.Split;
import io.slimkws.env.Profile;
import io.slimkws.env.Settings;
import io.slimkws.train.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry of the paper's runs turns into the specifications the paper describes: its β, λ, μ,
 * the schedule of the stage under the profile, ρ × k, and each warm start the run before it.
 */
class PaperRunTest {
    @TempDir static Path tmp;
    static KwsData data;

    @BeforeAll
    static void corpus() throws Exception {
        var c = CorpusLoader.of().load(TinyCorpus.write(tmp.resolve("corpus")));
        data = new KwsData(c, null, c.clips(Split.TRAINING), null, null);
    }

    private static Experiments under(String profile) {
        Settings s =
                new Settings(
                        Profile.parse(profile),
                        Optional.empty(),
                        tmp,
                        tmp.resolve("results"),
                        1,
                        false);
        return new Experiments(s, data, System.out);
    }

    @Test
    void rgsmAtTheMiniProfileIsThePapersRuleWithTheScheduleCompressed() {
        Experiments e = under("mini");
        RunSpec r = e.spec(PaperRun.RGSM_005);
        assertEquals("stage1-RGSM-lambda0.05", r.name());
        // The paper's λ = 0.05, β = 1; the paper's 18,000 steps at lr 0.001 compressed 20-fold by
        // the
        // run's own record (profiles.json: "rgsm0.05": 20, without the stage's cap), λ = 0.04 by
        // its stage's ("I": 20, capped at 20).
        assertTrue(
                r.canonical().contains("beta=1.0 lambda=0.05 mu=0.0 rho=0.0 prox=GL"),
                r.canonical());
        assertEquals(900, r.schedule().steps());
        assertEquals(0.02, r.schedule().lr(), 1e-12);
        assertEquals(0.0, r.schedule().clipNorm());
        assertEquals(20.0, e.spec(PaperRun.RGSM_004).schedule().clipNorm());
        assertNull(r.warmStart());
        assertEquals(900, e.spec(PaperRun.RGSM_004).schedule().steps());
        assertEquals(0.02, e.spec(PaperRun.RGSM_004).schedule().lr(), 1e-12);
        // At the run's own k the calibration run is the profile's run; at another, the same rule at
        // that k.
        assertEquals(r, Calibration.of(e).atCompression(PaperRun.RGSM_005, 20));
        assertEquals(
                1800, Calibration.of(e).atCompression(PaperRun.RGSM_005, 10).schedule().steps());
        assertEquals(
                0.01,
                Calibration.of(e).atCompression(PaperRun.RGSM_005, 10).schedule().lr(),
                1e-12);
    }

    @Test
    void miniCalibratesRunByRunAndStageTwoAtAnotherKStartsFromTheProfilesStageOne() {
        Experiments e = under("mini");
        var specs = Calibration.of(e).specs();
        // profiles.json: original and RGSM λ = 0.05 at k = 10, 20, 40, Stage II λ = 0.04 at k = 20,
        // 30 and
        // λ = 0.05 at k = 10, 20, 30, Stage III λ = 0.04 at k = 6, 8, 12 and λ = 0.05 at k = 8, 10,
        // 12, run by run; the
        // profile's own k keeps its name.
        assertEquals(
                List.of(
                        "original-k10",
                        "original",
                        "original-k40",
                        "stage1-RGSM-lambda0.05-k10",
                        "stage1-RGSM-lambda0.05",
                        "stage1-RGSM-lambda0.05-k40",
                        "stage2-float-retrain-lambda0.04",
                        "stage2-float-retrain-lambda0.04-k30",
                        "stage2-float-retrain-lambda0.05-k10",
                        "stage2-float-retrain-lambda0.05",
                        "stage2-float-retrain-lambda0.05-k30",
                        "stage3-binary-lambda0.04-k6",
                        "stage3-binary-lambda0.04",
                        "stage3-binary-lambda0.04-k12",
                        "stage3-binary-lambda0.05",
                        "stage3-binary-lambda0.05-k10",
                        "stage3-binary-lambda0.05-k12"),
                specs.stream().map(RunSpec::name).toList());
        RunSpec s2k30 = specs.get(10);
        assertEquals(200, s2k30.schedule().steps()); // 6,000 / 30
        assertEquals(0.03, s2k30.schedule().lr(), 1e-12);
        assertEquals(20.0, s2k30.schedule().clipNorm()); // the stage's cap, as at its own k
        assertEquals(
                e.spec(PaperRun.RGSM_005).id(),
                s2k30.warmStart()); // the profile's Stage I at its own k = 20
        assertEquals(e.spec(PaperRun.STAGE2_005), specs.get(9));
        // Stage III at k = 10: 600 steps, ρ = 1e-5 × 10, from the profile's Stage II (k = 20), not
        // from a Stage II at k = 10.
        RunSpec s3k10 = specs.get(15);
        assertEquals(600, s3k10.schedule().steps());
        assertEquals(1e-4, s3k10.hyper().rho(), 1e-15);
        assertEquals(e.spec(PaperRun.STAGE2_005).id(), s3k10.warmStart());
        // Stage III λ = 0.04 at k = 6: 6,000 / 6 = 1,000 steps at 0.001 × 6, the last 1,000 / 6 =
        // 167 at 0.0001 × 6,
        // ρ = 1e-5 × 6, from the profile's Stage II λ = 0.04; the cap is the stage's.
        RunSpec s3k6 = specs.get(11);
        assertEquals(1000, s3k6.schedule().steps());
        assertEquals(0.006, s3k6.schedule().lr(), 1e-12);
        assertEquals(0.0006, s3k6.schedule().lrLate(), 1e-12);
        assertEquals(6e-5, s3k6.hyper().rho(), 1e-15);
        assertEquals(20.0, s3k6.schedule().clipNorm());
        assertEquals(e.spec(PaperRun.STAGE2_004).id(), s3k6.warmStart());
    }

    @Test
    void aCalibrationOfAnUnknownRunNamesTheProfileTheFileAndTheValidRuns() {
        Profile m = Profile.parse("mini");
        Profile typo =
                new Profile(
                        m.id(),
                        m.summary(),
                        m.data(),
                        m.clipsPerLabel(),
                        m.cellTimeoutSeconds(),
                        m.lambdaScale(),
                        m.evalEvery(),
                        m.evalPoints(),
                        m.trainEvalClips(),
                        m.timingRounds(),
                        m.timingReps(),
                        m.theoremClips(),
                        m.featureBatches(),
                        m.stages(),
                        Map.of("rgsm0.5", List.of(10.0)));
        Experiments e =
                new Experiments(
                        new Settings(typo, Optional.empty(), tmp, tmp.resolve("results"), 1, false),
                        data,
                        System.out);
        String msg =
                assertThrows(IllegalStateException.class, () -> Calibration.of(e).specs())
                        .getMessage();
        assertTrue(
                msg.contains("profile mini")
                        && msg.contains("profiles.json")
                        && msg.contains("'rgsm0.5'")
                        && msg.contains("original, gl, rgsm0.04, rgsm0.05, gsbc, stage2-0.04"),
                msg);
    }

    @Test
    void stageThreeBlendsWithRhoTimesKAndStartsFromStageTwoWhichStartsFromRgsm() {
        Experiments e = under("mini");
        RunSpec s3 = e.spec(PaperRun.STAGE3_005);
        // ρ = 1e-5 × 8 (profiles.json: "III": 8).
        assertEquals(8e-5, s3.hyper().rho(), 1e-15);
        assertEquals(e.spec(PaperRun.STAGE2_005).id(), s3.warmStart());
        assertEquals(e.spec(PaperRun.RGSM_005).id(), e.spec(PaperRun.STAGE2_005).warmStart());
        assertEquals(PaperRun.RGSM_005, PaperRun.STAGE3_005.prunedBy());
        assertNull(PaperRun.GSBC_004.prunedBy());
    }

    @Test
    void theAdamProfileScalesLambdaAndGlKeepsItsMu() {
        Experiments q = under("quick");
        assertEquals(0.125, q.spec(PaperRun.RGSM_005).hyper().lambda(), 1e-12); // 0.05 × 2.5
        assertEquals(0.1, q.spec(PaperRun.GSBC_004).hyper().lambda(), 1e-12); // 0.04 × 2.5
        assertEquals(0.6, q.spec(PaperRun.GL).hyper().mu(), 1e-12);
        assertEquals(0.0, q.spec(PaperRun.GL).hyper().lambda(), 0.0);
    }

    @Test
    void everyTableRowHasItsRunAndTargetsAreUnique() {
        assertEquals(9, PaperRun.ALL.size());
        assertEquals(PaperRun.GSBC_004, PaperRun.byTarget("gsbc"));
        IllegalArgumentException x =
                assertThrows(IllegalArgumentException.class, () -> PaperRun.byTarget("rgsm0.06"));
        assertTrue(x.getMessage().contains("rgsm0.05"), x.getMessage());
        assertEquals(
                PaperRun.ALL.size(), PaperRun.ALL.stream().map(r -> r.target()).distinct().count());
        assertEquals(PaperValues.T3_005, PaperRun.STAGE3_005.paper());
    }
}
