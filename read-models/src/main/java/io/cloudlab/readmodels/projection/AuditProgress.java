package io.cloudlab.readmodels.projection;

/** How far an audit has got, told as it goes. */
public interface AuditProgress {

    AuditProgress NONE = new AuditProgress() {
        @Override
        public void read(long position, long targetPosition, long eventsReplayed) {}

        @Override
        public void compared(long documents) {}
    };

    /** The replay has read the store to {@code position}, of {@code targetPosition} it reads to. */
    void read(long position, long targetPosition, long eventsReplayed);

    /** Documents compared with the read model so far. */
    void compared(long documents);
}
