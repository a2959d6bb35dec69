package io.slimkws.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slimkws.model.ChannelMask;
import io.slimkws.train.Algorithm;
import io.slimkws.train.Hyper;
import io.slimkws.train.RunResult;
import io.slimkws.train.RunSpec;
import io.slimkws.train.Schedule;
import io.slimkws.train.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The paper's figures carry the paper's values on the plot, on fixed axes, over the paper's epochs.
 */
class PaperFiguresTest {
    @TempDir Path tmp;

    /** RGSM λ = 0.05 compressed 20-fold: 900 steps standing for the paper's 18,000 (50 epochs). */
    private RunResult rgsm(long seed) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("rgsm" + seed));
        Files.writeString(
                d.resolve("log.csv"),
                "step,epoch,val_acc,sparsity\n"
                        + "0,0,8,0\n"
                        + "360,9,81,0\n"
                        + "450,11,79,3.125\n"
                        + "900,22,70,31.25\n");
        RunSpec spec =
                new RunSpec(
                        "stage1-RGSM-lambda0.05",
                        Stage.I,
                        Algorithm.RGSM,
                        Hyper.rgsm(0.05, 1),
                        Schedule.paper(Stage.I).compressed(20),
                        "mini",
                        "fp",
                        seed,
                        null);
        return new RunResult(spec, d, 70, 71, 31.25, null, 900, 1, true);
    }

    @Test
    void stepsMapToThePaperEpochsByTheFractionOfTheRun() throws Exception {
        double[][] c = PaperFigures.curve(rgsm(1), "val_acc");
        // step 360 of 900 is 40 % of the run: the paper's 7,200 of 18,000 iterations, 7,200 / 360 =
        // epoch 20.
        assertEquals(20.0, c[0][1], 1e-9);
        assertEquals(25.0, c[0][2], 1e-9); // 450 / 900 × 50
        assertEquals(50.0, c[0][3], 1e-9);
        assertEquals(81.0, c[1][1], 1e-9);
    }

    @Test
    void fig2ShowsThePaperPeakAndFinalAsPointsOnAFixedAxisAndNeverCallsOurCurvePaper()
            throws Exception {
        JsonNode f =
                new ObjectMapper().readTree(PaperFigures.fig2(List.of(rgsm(1), rgsm(2))).json());
        JsonNode y = f.path("layout").path("yaxis").path("range");
        assertEquals(0.0, y.get(0).asDouble());
        assertEquals(100.0, y.get(1).asDouble());
        int ours = 0;
        boolean peak = false;
        boolean fin = false;
        for (JsonNode t : f.path("data")) {
            String name = t.path("name").asText();
            if (name.startsWith("ours")) {
                ours++;
                assertTrue(name.contains("as in the paper") && name.contains("seed"), name);
                assertTrue(t.path("showlegend").asBoolean(), "our curve is named in the legend");
            } else if (name.contains("peak")) {
                peak = t.path("x").get(0).asDouble() == 20 && t.path("y").get(0).asDouble() == 80;
            } else if (name.contains("59.84")) {
                fin = t.path("x").get(0).asDouble() == 50 && t.path("y").get(0).asDouble() == 59.84;
            }
        }
        assertEquals(2, ours, "one line per seed");
        assertTrue(peak, "the paper's peak at (20, 80): " + f.path("data"));
        assertTrue(fin, "the paper's final at (50, 59.84): " + f.path("data"));
        assertTrue(
                f.path("layout")
                        .path("xaxis")
                        .path("title")
                        .path("text")
                        .asText()
                        .contains("900 steps here"));
    }

    @Test
    void fig3AndFig4ShowEverySeed() throws Exception {
        RunResult one = rgsm(1);
        // Seed 2 keeps channels 1-40 (24 removed) and logs on its own, shorter run of 450 steps (k
        // = 40).
        Path d = Files.createDirectories(tmp.resolve("rgsm2-k40"));
        Files.writeString(
                d.resolve("log.csv"),
                "step,epoch,val_acc,sparsity\n0,0,8,0\n225,5,70,12.5\n450,11,72,37.5\n");
        RunSpec spec =
                new RunSpec(
                        "stage1-RGSM-lambda0.05",
                        Stage.I,
                        Algorithm.RGSM,
                        Hyper.rgsm(0.05, 1),
                        Schedule.paper(Stage.I).compressed(40),
                        "mini",
                        "fp",
                        2,
                        null);
        RunResult two =
                new RunResult(
                        spec,
                        d,
                        72,
                        71,
                        37.5,
                        ChannelMask.parse("1".repeat(40) + "0".repeat(24)),
                        450,
                        1,
                        true);
        RunResult oneMasked =
                new RunResult(
                        one.spec(),
                        one.dir(),
                        70,
                        71,
                        31.25,
                        ChannelMask.parse("0".repeat(20) + "1".repeat(44)),
                        900,
                        1,
                        true);

        JsonNode f3 =
                new ObjectMapper()
                        .readTree(
                                PaperFigures.fig3(Map.of("RGSM λ = 0.05", List.of(oneMasked, two)))
                                        .json());
        JsonNode s2 = null;
        int ours = 0;
        for (JsonNode t : f3.path("data")) {
            if (t.path("name").asText().startsWith("RGSM λ = 0.05, seed ")) {
                ours++;
                if (t.path("name").asText().endsWith("seed 2")) {
                    s2 = t;
                }
            }
        }
        assertEquals(2, ours, "a line per seed: " + f3.path("data"));
        // Seed 2's own steps: step 225 of 450 is half the run, the paper's epoch 25; its sparsity
        // there 12.5 %.
        assertEquals(25.0, s2.path("x").get(1).asDouble(), 1e-9);
        assertEquals(12.5, s2.path("y").get(1).asDouble(), 1e-9);

        JsonNode f4 =
                new ObjectMapper().readTree(PaperFigures.fig4(List.of(oneMasked, two)).json());
        JsonNode bars = f4.path("data");
        assertEquals("seed 1: 44 kept", bars.get(0).path("name").asText());
        assertEquals("seed 2: 40 kept", bars.get(1).path("name").asText());
        assertEquals(0.0, bars.get(0).path("y").get(19).asDouble()); // channel 20 removed in seed 1
        assertEquals(1.0, bars.get(0).path("y").get(20).asDouble());
        assertEquals(1.0, bars.get(1).path("y").get(39).asDouble()); // channel 40 kept in seed 2
        assertEquals(0.0, bars.get(1).path("y").get(40).asDouble());
        assertTrue(
                f4.path("layout").path("title").path("text").asText().contains("44 / 40 of 64"),
                f4.path("layout").toString());
    }

    @Test
    void fig2NumbersReadPeakDropAndFirstZeroInPaperEpochs() throws Exception {
        Table t = PaperTables.fig2Numbers(List.of(rgsm(1)));
        // peak 81 at step 360 (epoch 20), final 70, drop 11, first zero group at step 450 = epoch
        // 25.
        assertEquals("81.0", t.stringColumn("ours").get(0));
        assertEquals("20.0", t.stringColumn("ours").get(1));
        assertEquals("70.0", t.stringColumn("ours").get(2));
        assertEquals("11.0", t.stringColumn("ours").get(3));
        assertEquals("25.0 (step 450)", t.stringColumn("ours").get(4));
    }

    @Test
    void fig2NumbersOfTwoSeedsShowEachSeedAndTheirMeanAndSd() throws Exception {
        RunResult two = rgsm(2);
        // Seed 2: peak 79 at step 540 (epoch 30), final 75, drop 4, first zero group at step 720
        // (epoch 40).
        Files.writeString(
                two.dir().resolve("log.csv"),
                "step,epoch,val_acc,sparsity\n"
                        + "0,0,8,0\n"
                        + "540,13,79,0\n"
                        + "720,18,77,1.5625\n"
                        + "900,22,75,25\n");
        Table t = PaperTables.fig2Numbers(List.of(rgsm(1), two));
        assertEquals("81.0", t.stringColumn("ours, seed 1").get(0));
        assertEquals("79.0", t.stringColumn("ours, seed 2").get(0));
        assertEquals("30.0", t.stringColumn("ours, seed 2").get(1));
        assertEquals("40.0 (step 720)", t.stringColumn("ours, seed 2").get(4));
        // By hand: peaks 81, 79: mean 80, sample sd √2 = 1.4; finals 70, 75: 72.5 ± 3.5; onsets 25,
        // 40: 32.5 ± 10.6.
        assertEquals("80.0 ± 1.4", t.stringColumn("ours, mean ± sd").get(0));
        assertEquals("72.5 ± 3.5", t.stringColumn("ours, mean ± sd").get(2));
        assertEquals("32.5 ± 10.6", t.stringColumn("ours, mean ± sd").get(4));
    }

    @Test
    void fig6SaysTheTextAndCaptionsDisagree() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("s2"));
        Files.writeString(
                d.resolve("log.csv"), "step,epoch,val_acc,sparsity\n0,0,75,23\n400,10,77,23\n");
        RunSpec spec =
                new RunSpec(
                        "stage2",
                        Stage.II,
                        Algorithm.PLAIN,
                        Hyper.none(),
                        Schedule.paper(Stage.II).compressed(15),
                        "mini",
                        "fp",
                        1,
                        "x");
        JsonNode f =
                new ObjectMapper()
                        .readTree(
                                PaperFigures.fig6(
                                                List.of(
                                                        new RunResult(
                                                                spec, d, 77, 78, 23, null, 400, 1,
                                                                true)))
                                        .json());
        assertTrue(
                f.path("layout")
                        .path("annotations")
                        .toString()
                        .contains("describes this figure as Fig. 7"));
        boolean last = false;
        for (JsonNode t : f.path("data")) {
            // 6,000 paper steps / 360 per epoch = 16.7 epochs.
            last |=
                    t.path("name").asText().contains("87.94")
                            && Math.abs(t.path("x").get(0).asDouble() - 6000.0 / 360) < 1e-9;
        }
        assertTrue(last);
    }
}
