package org.tandem.evaluation.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tandem.catalogue.control.PackJson;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.demo.control.DemoRespondent;
import org.tandem.evaluation.control.EvaluationReport;
import org.tandem.evaluation.control.Suppression;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.control.AssessmentResponse;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * How long {@link EvaluationReport#of} takes for a programme of ten thousand matched learners on
 * the starter pack's relationship instrument (20 items in four subscales, then-test and outlook):
 * the analysis behind the evaluator's programme view, without database or HTML. The responses are
 * drawn by the demo cohort's {@link DemoRespondent} (half managers, half clinicians, every one
 * consenting with both forms), so the statistics meet the ties and spreads of real Likert data.
 * <p>
 * Run with {@code mvn -Pbench -DskipTests test-compile exec:exec}; results and the machine are in
 * {@code docs/benchmarks.md}. Not a test: nothing runs it in the normal build.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EvaluationReportBenchmark {

    @Param({"10000"})
    int learners;

    Instrument instrument;
    List<Response> responses;
    Suppression suppression;

    @Setup(Level.Trial)
    public void drawResponses() {
        instrument = new PackReader().readClasspath("content/starter").instrument("relationship")
                .orElseThrow(() -> new IllegalStateException("the starter pack has no relationship instrument"));
        suppression = Suppression.standard();
        InstrumentIdentity identity = PackJson.identity(instrument);
        Instant start = Instant.parse("2026-01-05T09:00:00Z");
        responses = new ArrayList<>(2 * learners);
        for (int i = 0; i < learners; i++) {
            ProfessionalGroup group = i % 2 == 0 ? ProfessionalGroup.MANAGER : ProfessionalGroup.CLINICIAN;
            DemoRespondent respondent = DemoRespondent.draw(instrument, group, DemoRespondent.randomFor(i));
            String key = "learner-" + i;
            AssessmentResponse pre = respondent.response(Phase.PRE);
            AssessmentResponse post = respondent.response(Phase.POST);
            responses.add(new Response(key, group, true, Phase.PRE, identity, pre.answers(), Map.of(),
                    pre.outlook(), start.plusSeconds(i)));
            responses.add(new Response(key, group, true, Phase.POST, identity, post.answers(), post.thenAnswers(),
                    post.outlook(), start.plus(Duration.ofDays(42)).plusSeconds(i)));
        }
        EvaluationReport check = EvaluationReport.of(instrument, responses, suppression);
        if (check.matching().matched() != learners) {
            throw new IllegalStateException("expected " + learners + " matched learners, got " + check.matching().matched());
        }
    }

    @Benchmark
    public EvaluationReport programmeReport() {
        return EvaluationReport.of(instrument, responses, suppression);
    }
}
