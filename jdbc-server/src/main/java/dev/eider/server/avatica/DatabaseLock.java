package dev.eider.server.avatica;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <database>.serve.lock} beside a database file, held while a server serves the
 * database, so a second server on the same file (in another process or this one) stops at once with a clear
 * message instead of failing later on DuckDB's own lock. The file names the holder.
 */
public final class DatabaseLock implements AutoCloseable {

  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;

  private DatabaseLock(Path lockFile, FileChannel channel, FileLock lock) {
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /** Locks {@code database} for a server that others reach at {@code holder} (written into the file). */
  public static DatabaseLock acquire(Path database, String holder) throws IOException {
    Path absolute = database.toAbsolutePath().normalize();
    Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".serve.lock");
    Files.createDirectories(lockFile.getParent());
    FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String other = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
      channel.close();
      throw new IOException("database " + absolute + " is already served by another Eider server ("
          + (other.isEmpty() ? "unknown" : other) + "); stop that server or connect to it instead");
    }
    DatabaseLock databaseLock = new DatabaseLock(lockFile, channel, lock);
    databaseLock.describeHolder(holder);
    return databaseLock;
  }

  /** Replaces what the lock file says about its holder (e.g. with the URL once the port is known). */
  public void describeHolder(String holder) throws IOException {
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", " + holder)
        .getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    try (channel) {
      channel.truncate(0);
      lock.release();
    }
    Files.deleteIfExists(lockFile);
  }
}
