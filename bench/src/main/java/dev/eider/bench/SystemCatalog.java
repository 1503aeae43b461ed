package dev.eider.bench;

import dev.eider.bench.system.EiderSystem;
import dev.eider.bench.system.ExactSystem;
import dev.eider.bench.system.JVectorSystem;
import dev.eider.bench.system.LuceneSystem;
import dev.eider.bench.system.VectorSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns the names given to {@code --systems} into systems to measure. */
final class SystemCatalog {
    private static final List<String> KNOWN = List.of("eider", "jvector", "lucene", "exact");

    private SystemCatalog() {
    }

    /** Fails before anything is loaded or built when a name is unknown. */
    static void checkNames(List<String> names) {
        for (String name : names) {
            if (!KNOWN.contains(name.trim().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("unknown system '" + name + "' in --systems; known: " + KNOWN);
            }
        }
    }

    static List<VectorSystem> create(List<String> names, BenchSettings settings) {
        List<VectorSystem> systems = new ArrayList<>();
        for (String name : names) {
            systems.add(switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "eider" -> new EiderSystem(settings.eider().maxDegree(), settings.eider().buildSearchL(),
                        settings.eider().compression(), settings.cache()::bytesFor);
                case "jvector" -> new JVectorSystem();
                case "lucene" -> new LuceneSystem();
                case "exact" -> new ExactSystem();
                default -> throw new IllegalArgumentException("unknown system '" + name + "' in --systems; known: " + KNOWN);
            });
        }
        return systems;
    }
}
