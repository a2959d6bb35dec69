package io.slimkws.train;

/**
 * Where a run stands, read from its folder without loading a network: not started, partly trained
 * (the step of its last checkpoint, from which it resumes), finished, failed (trains again from the
 * start, the folder kept aside), broken (marked finished but a file is missing or unreadable) or
 * corrupt (a file changed since the run finished: its SHA-256 is not the recorded one), or started
 * with a checkpoint that cannot be read (it trains from the start).
 */
public record RunState(Kind kind, int step) {
    public enum Kind {
        NOT_STARTED,
        PARTIAL,
        FINISHED,
        FAILED,
        BROKEN,
        CORRUPT,
        BAD_CHECKPOINT
    }

    public static RunState of(Kind kind) {
        return new RunState(kind, 0); // the step matters only for a partial run
    }

    /**
     * The training samples still to go under {@code s}: a partial run resumes at its checkpoint, a
     * failed or broken one starts over.
     */
    public long remainingSamples(Schedule s) {
        return switch (kind) {
            case FINISHED -> 0;
            case PARTIAL -> (long) Math.max(0, s.steps() - step) * s.batchSize();
            default -> s.samples();
        };
    }

    /**
     * A short word for tables: "yes", "no", "at 450/900", "failed", "broken", "corrupt", "restarts"
     * (a checkpoint that cannot be read).
     */
    public String word(Schedule s) {
        return switch (kind) {
            case FINISHED -> "yes";
            case NOT_STARTED -> "no";
            case PARTIAL -> "at " + step + "/" + s.steps();
            case FAILED -> "failed";
            case BROKEN -> "broken";
            case CORRUPT -> "corrupt";
            case BAD_CHECKPOINT -> "restarts";
        };
    }
}
