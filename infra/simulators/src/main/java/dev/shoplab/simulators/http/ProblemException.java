package dev.shoplab.simulators.http;

/** Carries a {@link Problem} out of a handler to the code that answers the request. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
