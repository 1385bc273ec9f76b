package io.cloudlab.eventstore.decider;

/**
 * A command an aggregate refuses: nothing happened. Every aggregate's refusals are of this one kind, so one
 * mapping (service-support's problem mappers) turns them into problem+json: {@link Kind} gives the status,
 * {@code slug} the problem type, {@code field} the request field at fault when there is one.
 */
public abstract class Refusal extends RuntimeException {

    public enum Kind {
        /** The request itself is malformed for this rule (400). */
        INVALID(400, "Invalid input"),
        /** Well-formed, but this aggregate cannot accept it (422). */
        UNPROCESSABLE(422, "Request cannot be carried out"),
        /** The aggregate's state does not allow it (409). */
        CONFLICT(409, "Conflict"),
        /** What it names does not exist (404). */
        NOT_FOUND(404, "Not found");

        private final int status;
        private final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    private final Kind kind;
    private final String slug;
    private final String field;

    protected Refusal(Kind kind, String slug, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.slug = slug;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The problem type's last segment, e.g. insufficient-stock. */
    public String slug() {
        return slug;
    }

    /** The request field at fault, in the API's naming; null when the refusal is about state. */
    public String field() {
        return field;
    }
}
