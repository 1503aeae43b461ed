package dev.eider.bench.report;

import dev.eider.bench.run.Measurement;

/** One line of the report: a measurement with its system's build and memory figures. */
public record ResultRow(String dataset, Measurement measurement, SystemSummary summary) {
    public String system() {
        return measurement.system();
    }
}
