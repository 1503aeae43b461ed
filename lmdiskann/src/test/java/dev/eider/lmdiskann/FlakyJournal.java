package dev.eider.lmdiskann;

import dev.eider.lmdiskann.journal.IndexMeta;
import dev.eider.lmdiskann.journal.InMemoryJournal;
import dev.eider.lmdiskann.journal.Journal;
import dev.eider.lmdiskann.journal.JournalBatch;
import dev.eider.lmdiskann.journal.JournalBlock;
import dev.eider.lmdiskann.journal.JournalState;
import java.util.List;

/** An in-memory journal whose writes can be made to fail, as a database transaction might. */
final class FlakyJournal implements Journal {

    final InMemoryJournal delegate = new InMemoryJournal();
    volatile boolean failRecords;
    volatile boolean failAcknowledgements;

    @Override
    public JournalState load() {
        return delegate.load();
    }

    @Override
    public void record(JournalBatch batch) {
        if (failRecords) {
            throw new IllegalStateException("journal unavailable");
        }
        delegate.record(batch);
    }

    @Override
    public void acknowledgeMerged(long mergeSequence, List<JournalBlock> merged, IndexMeta metaAfter) {
        if (failAcknowledgements) {
            throw new IllegalStateException("crash before the acknowledgement");
        }
        delegate.acknowledgeMerged(mergeSequence, merged, metaAfter);
    }
}
