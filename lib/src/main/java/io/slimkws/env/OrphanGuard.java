package io.slimkws.env;

import java.time.Duration;

/**
 * Ends a notebook kernel whose parent is gone. When the runner of ./reproduce (or JupyterLab's
 * server) is killed with SIGKILL, its kernel JVM is re-parented to PID 1 and would go on training,
 * holding its run and gigabytes of memory, beside the next run. The kernel's startup script calls
 * {@link #exitWhenParentDies}; a run it was training resumes from its last checkpoint.
 */
public final class OrphanGuard {
    private OrphanGuard() {}

    /** Watches this JVM's parent; when it is gone, says so and exits with status 3. */
    public static void exitWhenParentDies() {
        ProcessHandle.current()
                .parent()
                .ifPresent(
                        p ->
                                watch(
                                        p,
                                        Duration.ofSeconds(2),
                                        () -> {
                                            System.err.println(
                                                    "slimkws kernel: its parent process "
                                                            + p.pid()
                                                            + " is gone; exiting (a run in training"
                                                            + " resumes from its checkpoint)");
                                            System.exit(3);
                                        }));
    }

    /** Runs {@code onGone} once, on a daemon thread, when {@code parent} is no longer alive. */
    public static Thread watch(ProcessHandle parent, Duration period, Runnable onGone) {
        Thread t =
                new Thread(
                        () -> {
                            try {
                                while (parent.isAlive()) {
                                    Thread.sleep(period.toMillis());
                                }
                                onGone.run();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "slimkws-orphan-guard");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
