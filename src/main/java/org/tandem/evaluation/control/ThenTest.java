package org.tandem.evaluation.control;

import java.util.Objects;
import org.tandem.catalogue.entity.Scale;

/**
 * The retrospective then-test: on the post form learners also rate how they now think they stood
 * before. Comparing then with pre shows how their view of the starting point shifted (response
 * shift); comparing post with then is the change as learners see it in hindsight. Both
 * comparisons are over the same learners: those with pre, then and post scores.
 *
 * @param thenVersusPre  "pre" = the pre scores, "post" = the then scores
 * @param postVersusThen "pre" = the then scores, "post" = the post scores
 */
public record ThenTest(PairedComparison thenVersusPre, PairedComparison postVersusThen) {

    public ThenTest {
        Objects.requireNonNull(thenVersusPre, "thenVersusPre");
        Objects.requireNonNull(postVersusThen, "postVersusThen");
    }

    /** {@code pre[i]}, {@code then[i]} and {@code post[i]} are one learner's scores. */
    public static ThenTest of(double[] pre, double[] then, double[] post) {
        if (then.length != pre.length || post.length != pre.length) {
            throw new IllegalArgumentException("Pre, then and post series differ in length");
        }
        return new ThenTest(PairedComparison.of(pre, then), PairedComparison.of(then, post));
    }

    public int n() {
        return thenVersusPre.n();
    }

    public Reading thenVersusPreReading(String topic, Scale scale) {
        return Reading.ofDifference(topic, thenVersusPre, "pre", "retrospective then", scale);
    }

    public Reading postVersusThenReading(String topic, Scale scale) {
        return Reading.ofDifference(topic, postVersusThen, "retrospective then", "post", scale);
    }
}
