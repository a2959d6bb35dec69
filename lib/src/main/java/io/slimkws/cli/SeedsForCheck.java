package io.slimkws.cli;

import io.slimkws.env.Settings;
import io.slimkws.paper.PaperRun;

/**
 * ./reproduce's check of {@code --seeds-for} before any notebook runs, so that the names are known
 * in one place ({@link PaperRun}) and not copied into the script: exit status 2 and a message
 * naming the unknown run and the valid ones, status 0 when every name is a run or a chain.
 */
public final class SeedsForCheck {
    private SeedsForCheck() {}

    public static void main(String[] args) {
        try {
            PaperRun.withAncestors(Settings.names(String.join(",", args)));
        } catch (IllegalArgumentException e) {
            System.err.println("reproduce: error: " + e.getMessage());
            System.exit(2);
        }
    }
}
