package io.cloudlab.readmodels.redis;

/**
 * Where a projection's keys live: {@code <namespace>:<projection>:<store>:meta} holds which version serves
 * ({@code current}) and which one a rebuild fills ({@code building}); a version's keys all start with
 * {@code <namespace>:<projection>:<store>:v<n>:}, so a rebuild writes beside the serving version and the old
 * one is dropped by prefix after the switch.
 *
 * <p>One Redis node holds a projection whole (the apply script touches keys it does not declare). On Redis
 * Cluster the base would be wrapped in a hash tag ({@code {...}}) to keep each projection in one slot.
 */
public record ViewKeys(String base) {

    public static ViewKeys of(String namespace, String projection, String store) {
        return new ViewKeys(namespace + ":" + projection + ":" + store);
    }

    public String meta() {
        return base + ":meta";
    }

    /**
     * Event ids operators chose to skip. Kept for the projection, not per version, so a rebuild skips them too
     * instead of parking them again, and an audit leaves them out of its replay.
     */
    public String skipped() {
        return base + ":skipped";
    }

    public Version version(int n) {
        return new Version(n, base + ":v" + n + ":");
    }

    /** One version's keys. */
    public record Version(int number, String prefix) {

        public String document(String document) {
            return prefix + "doc:" + document;
        }

        public String index(String index) {
            return prefix + "idx:" + index;
        }

        public String checkpoint() {
            return prefix + "checkpoint";
        }

        /** Hash: event id to the parked event (with its error). */
        public String parked() {
            return prefix + "parked";
        }

        /** Set of documents that have parked events. */
        public String parkedDocuments() {
            return prefix + "parked-documents";
        }

        /** Hash: document to "retry" or "skip", asked by an operator, done by the applying instance. */
        public String requests() {
            return prefix + "requests";
        }
    }
}
