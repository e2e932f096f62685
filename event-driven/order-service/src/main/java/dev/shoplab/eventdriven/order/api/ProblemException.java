package dev.shoplab.eventdriven.order.api;

/** Carries a {@link Problem} out of a resource to {@link ProblemMappers}, which answers with it. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
