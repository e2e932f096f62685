package dev.shoplab.edge;

/** Thrown by a service to answer with a problem; {@link ProblemMappers} writes it. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
