package io.slimkws.env;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The kernel's guard fires when the watched parent dies, and not before. */
class OrphanGuardTest {
    @Test
    void firesOnceTheWatchedProcessIsKilledAndNotWhileItLives() throws Exception {
        Process parent = new ProcessBuilder("sleep", "60").start();
        CountDownLatch gone = new CountDownLatch(1);
        OrphanGuard.watch(parent.toHandle(), Duration.ofMillis(50), gone::countDown);
        assertFalse(gone.await(500, TimeUnit.MILLISECONDS), "fired while the parent was alive");
        parent.destroyForcibly().waitFor();
        assertTrue(gone.await(5, TimeUnit.SECONDS), "did not fire after the parent was killed");
    }
}
