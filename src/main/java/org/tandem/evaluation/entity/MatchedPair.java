package org.tandem.evaluation.entity;

import java.util.Objects;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.learning.entity.Phase;
import org.tandem.learning.entity.ProfessionalGroup;

/**
 * One learner's pre and post response to the same instrument (id, version and content), both consented.
 */
public record MatchedPair(Response pre, Response post) {

    public MatchedPair {
        Objects.requireNonNull(pre, "pre");
        Objects.requireNonNull(post, "post");
        if (pre.phase() != Phase.PRE || post.phase() != Phase.POST) {
            throw new IllegalArgumentException("A pair is a PRE and a POST response");
        }
        if (!pre.learnerKey().equals(post.learnerKey()) || !pre.instrument().equals(post.instrument())) {
            throw new IllegalArgumentException("A pair is one learner's responses to one instrument");
        }
    }

    public String learnerKey() {
        return post.learnerKey();
    }

    /** The group the learner gave most recently, i.e. on the post response. */
    public ProfessionalGroup group() {
        return post.group();
    }

    public int instrumentVersion() {
        return post.instrumentVersion();
    }

    public InstrumentIdentity instrument() {
        return post.instrument();
    }
}
