package io.cloudlab.support.problem;

/**
 * Thrown by resources and domain adapters to answer with a problem; mapped by {@link ProblemMappers}.
 * Domain code does not throw this: it throws its own exceptions, which the service's resource translates.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(Problem.of(400, "invalid-input", "Invalid input", detail).field(field));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what + " was not found"));
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(Problem.of(409, slug, "Conflict", detail));
    }

    public static ProblemException unprocessable(String slug, String field, String detail) {
        return new ProblemException(Problem.of(422, slug, "Request cannot be carried out", detail).field(field));
    }
}
