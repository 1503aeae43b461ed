package dev.eider.bench;

import java.util.Locale;

/** Eider's block cache size: a fixed number of MiB, or a fraction of the index file known only after the build. */
public record CacheSize(double megabytes, double fraction) {
    public CacheSize {
        if (megabytes < 0 || fraction < 0 || (megabytes > 0) == (fraction > 0)) {
            throw new IllegalArgumentException("give exactly one positive cache size: --cache-mb or --cache-fraction");
        }
    }

    public static CacheSize ofMegabytes(double megabytes) {
        return new CacheSize(megabytes, 0);
    }

    public static CacheSize ofFraction(double fraction) {
        return new CacheSize(0, fraction);
    }

    public long bytesFor(long indexBytes) {
        return megabytes > 0 ? (long) (megabytes * 1024 * 1024) : (long) (fraction * indexBytes);
    }

    @Override
    public String toString() {
        return megabytes > 0
                ? String.format(Locale.ROOT, "%.1f MiB", megabytes)
                : String.format(Locale.ROOT, "%.1f%% of the index file", fraction * 100);
    }
}
