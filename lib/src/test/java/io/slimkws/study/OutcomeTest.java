package io.slimkws.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slimkws.TinyCorpus;
import io.slimkws.data.CorpusLoader;
import io.slimkws.data.KwsData;
import io.slimkws.data.Split;
import io.slimkws.env.Profile;
import io.slimkws.env.Settings;
import io.slimkws.paper.Experiments;
import io.slimkws.paper.RunDefinition;
import io.slimkws.train.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure that is the run's own is an outcome of the study: read back, never retrained. */
class OutcomeTest {
    @TempDir Path tmp;

    @Test
    void aRunThatRemovedEveryChannelIsReadBackAsAFailureWithoutTrainingAgain() throws Exception {
        var c = CorpusLoader.of().load(TinyCorpus.write(tmp.resolve("corpus")));
        KwsData data = new KwsData(c, null, c.clips(Split.TRAINING), null, null);
        Experiments e =
                new Experiments(
                        new Settings(Profile.parse("mini"), Optional.empty(), tmp, tmp, 1, false),
                        data,
                        System.out);
        RunDefinition r = StudyRuns.SWEEP.get(1);
        RunSpec spec = e.spec(r);
        Path d = e.store().dir(spec);
        Files.createDirectories(d);
        // The status a run leaves when its penalty zeroed conv2 (Trainer, RunStore.fail).
        Files.writeString(
                d.resolve("status.json"),
                "{\"state\": \"failed\", \"message\": \""
                        + spec.name()
                        + " removed every channel of conv2 at step 450: all 64 of its input-channel"
                        + " groups (conv1's output channels) are zero\", \"time\": \"x\"}");
        Outcome o = Outcome.of(e, r);
        assertTrue(o.failed());
        assertFalse(o.isModel());
        assertNull(o.result());
        assertEquals("removed every channel at step 450", o.note());
        // Nothing trained: the folder holds the status alone (a retrain would have begun a log,
        // a lock and a checkpoint; this corpus has no validation clips to finish one with).
        try (Stream<Path> files = Files.list(d)) {
            assertEquals(
                    List.of("status.json"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void onlyTheRunsOwnFailuresAreFinalAndTheNoteNamesTheStep() {
        assertTrue(Outcome.ownFailure("diverged at step 18: training loss is NaN"));
        assertTrue(Outcome.ownFailure("removed every channel of conv2 at step 0: ..."));
        // A machine's fault is not the run's: it trains again.
        assertFalse(Outcome.ownFailure("OutOfMemoryError: Java heap space"));
        assertFalse(Outcome.ownFailure(null));
        RunDefinition r = StudyRuns.SWEEP.get(0);
        assertEquals(
                "diverged at step 18",
                new Outcome(r, null, "diverged at step 18: training loss is NaN").note());
        assertThrows(IllegalArgumentException.class, () -> new Outcome(r, null, null));
    }
}
