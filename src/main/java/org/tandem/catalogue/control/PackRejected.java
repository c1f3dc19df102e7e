package org.tandem.catalogue.control;

import java.util.List;
import java.util.stream.Collectors;
import org.tandem.catalogue.entity.PackProblem;

/** A content pack was refused as a whole; {@link #problems()} names every problem found, not just the first. */
public class PackRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<PackProblem> problems;

    public PackRejected(List<PackProblem> problems) {
        super(problems.size() + " problem(s) in the content pack: "
                + problems.stream().limit(5).map(PackProblem::toString).collect(Collectors.joining("; "))
                + (problems.size() > 5 ? "; …" : ""));
        this.problems = List.copyOf(problems);
    }

    public PackRejected(PackProblem problem) {
        this(List.of(problem));
    }

    public List<PackProblem> problems() {
        return problems;
    }
}
