package io.slimkws.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One trainer per run folder: an OS file lock on {@code runs/<profile>/.locks/<folder>.lock}, taken
 * before a run is resumed or trained. A second trainer of the same run (another lane of TrainMain,
 * JupyterLab, an orphaned kernel) is refused with the holder's pid. The OS releases the lock when
 * its process dies, so a killed run never leaves a stale lock behind.
 */
final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static RunLock acquire(Path runDir, String runName) throws IOException {
        return acquire(runDir, runName, null);
    }

    /**
     * As {@link #acquire(Path, String)}, but with {@code waiting} non-null a run held by another
     * process is waited for (the wait is said on {@code waiting}) instead of refused: how training
     * lanes and shards that share a warm-start run meet.
     */
    static RunLock acquire(Path runDir, String runName, PrintStream waiting) throws IOException {
        Path file = runDir.resolveSibling(".locks").resolve(runDir.getFileName() + ".lock");
        Files.createDirectories(file.getParent());
        FileChannel ch =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // held by this very JVM (another thread)
        }
        if (l == null && waiting != null) {
            String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
            waiting.println(
                    runName
                            + ": being trained by another process ("
                            + (holder.isEmpty() ? "lock " + file : holder)
                            + "); waiting for it");
            l = ch.lock(); // blocks until the holder finishes or dies (the OS releases its lock)
        }
        if (l == null) {
            String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
            ch.close();
            throw new IllegalStateException(
                    "run "
                            + runName
                            + " is being trained by another process right now ("
                            + (holder.isEmpty() ? "lock " + file : holder + ", lock " + file)
                            + "); wait for it to finish or stop it, then run again");
        }
        ch.truncate(0);
        ch.write(
                ByteBuffer.wrap(
                        ("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
                0);
        return new RunLock(ch, l);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
