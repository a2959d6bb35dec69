package io.slimkws.study;

import io.slimkws.paper.Experiments;
import io.slimkws.paper.RunDefinition;
import io.slimkws.train.DivergedException;
import io.slimkws.train.EmptyLayerException;
import io.slimkws.train.RunResult;
import io.slimkws.train.RunSpec;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run of the study came to: a finished run, or a failure that belongs to the run itself
 * (its penalty removed every channel of a layer, or its loss diverged), with the step and reason.
 * Such a failure is a result of the study: it is shown, never retrained on each reading, and never
 * the best of a family.
 */
public record Outcome(RunDefinition run, RunResult result, String failure) {
    public Outcome {
        if ((result == null) == (failure == null)) {
            throw new IllegalArgumentException("an outcome is a result or a failure, not both");
        }
    }

    /** The run's outcome: loaded or trained, or the failure its status records or training hit. */
    public static Outcome of(Experiments e, RunDefinition r) throws IOException {
        RunSpec spec = e.spec(r);
        // The status alone (no load): a finished run is loaded, and its files verified, once below.
        String why = e.store().failure(spec);
        if (ownFailure(why)) {
            return new Outcome(r, null, why);
        }
        try {
            return new Outcome(r, e.run(r), null);
        } catch (EmptyLayerException | DivergedException ex) {
            String m = ex.getMessage();
            String name = spec.name() + " ";
            return new Outcome(r, null, m.startsWith(name) ? m.substring(name.length()) : m);
        }
    }

    /** A failure that training the run again would repeat (it is deterministic in its spec). */
    static boolean ownFailure(String why) {
        return why != null
                && (why.startsWith("removed every channel") || why.startsWith("diverged"));
    }

    public boolean failed() {
        return failure != null;
    }

    /** A finished run that kept at least one channel: a model that can be compared. */
    public boolean isModel() {
        return result != null && result.mask().keptCount() > 0;
    }

    /** "removed every channel at step 450", "diverged at step 18", or "" for a finished run. */
    public String note() {
        if (failure == null) {
            return "";
        }
        Matcher m = Pattern.compile("at step ([0-9]+)").matcher(failure);
        String step = m.find() ? " at step " + m.group(1) : "";
        return (failure.startsWith("diverged") ? "diverged" : "removed every channel") + step;
    }
}
