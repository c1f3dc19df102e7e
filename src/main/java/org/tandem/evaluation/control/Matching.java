package org.tandem.evaluation.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tandem.catalogue.entity.InstrumentIdentity;
import org.tandem.evaluation.entity.MatchedPair;
import org.tandem.evaluation.entity.Response;
import org.tandem.learning.entity.Phase;

/**
 * Pre and post responses matched by learner key and instrument (id, version and content), with
 * every response accounted for. The rules:
 * <ol>
 * <li>Of several responses by one learner to one phase of one instrument, the latest (by
 * {@link Response#submitted()}) counts; on equal times, the one later in the input. The others
 * are counted as {@link #superseded()}.</li>
 * <li>A learner whose counted pre or post response lacks consent is excluded altogether and
 * counted in {@link #excludedNoConsent()}: consent withdrawn on the later form takes back the
 * earlier one too, and an answer given without consent is never used, even to pair.</li>
 * <li>The remaining learners are {@link #matched()} when they have both, otherwise
 * {@link #preOnly()} or {@link #postOnly()}.</li>
 * </ol>
 * Learner counts are per learner and instrument, so matched + pre-only + post-only +
 * excluded is the number of such learners, and every response is in exactly one of: a pair,
 * pre-only, post-only, an excluded learner's, or superseded.
 */
public final class Matching {

    private final List<MatchedPair> pairs;
    private final List<Response> consented;
    private final int responses;
    private final int preOnly;
    private final int postOnly;
    private final int excludedNoConsent;
    private final int superseded;

    private Matching(List<MatchedPair> pairs, List<Response> consented, int responses, int preOnly, int postOnly,
                     int excludedNoConsent, int superseded) {
        this.pairs = List.copyOf(pairs);
        this.consented = List.copyOf(consented);
        this.responses = responses;
        this.preOnly = preOnly;
        this.postOnly = postOnly;
        this.excludedNoConsent = excludedNoConsent;
        this.superseded = superseded;
    }

    public static Matching of(Collection<Response> responses) {
        Map<Learner, Slot> slots = new LinkedHashMap<>();
        int superseded = 0;
        for (Response response : responses) {
            Objects.requireNonNull(response, "response");
            Slot slot = slots.computeIfAbsent(new Learner(response.learnerKey(), response.instrument()), key -> new Slot());
            if (slot.offer(response)) {
                superseded++;
            }
        }
        List<MatchedPair> pairs = new ArrayList<>();
        List<Response> consented = new ArrayList<>();
        int preOnly = 0;
        int postOnly = 0;
        int excluded = 0;
        for (Slot slot : slots.values()) {
            if ((slot.pre != null && !slot.pre.consented()) || (slot.post != null && !slot.post.consented())) {
                excluded++;
                continue;
            }
            if (slot.pre != null && slot.post != null) {
                pairs.add(new MatchedPair(slot.pre, slot.post));
            } else if (slot.pre != null) {
                preOnly++;
            } else {
                postOnly++;
            }
            for (Response counted : new Response[] {slot.pre, slot.post}) {
                if (counted != null) {
                    consented.add(counted);
                }
            }
        }
        return new Matching(pairs, consented, responses.size(), preOnly, postOnly, excluded, superseded);
    }

    /** The matched pairs, in the order their learners first appear in the input. */
    public List<MatchedPair> pairs() {
        return pairs;
    }

    /**
     * The counted (latest) responses of every learner not excluded: matched, pre-only and
     * post-only learners alike, in the order their learners first appear.
     */
    public List<Response> consentedResponses() {
        return consented;
    }

    /** Learners with a consented pre and post response. */
    public int matched() {
        return pairs.size();
    }

    /** Consenting learners with a pre response only. */
    public int preOnly() {
        return preOnly;
    }

    /** Consenting learners with a post response only. */
    public int postOnly() {
        return postOnly;
    }

    /** Learners left out because a counted response of theirs lacks consent. */
    public int excludedNoConsent() {
        return excludedNoConsent;
    }

    /** Responses replaced by a later response of the same learner to the same phase and instrument. */
    public int superseded() {
        return superseded;
    }

    /** All responses given to the matching. */
    public int responses() {
        return responses;
    }

    private record Learner(String key, InstrumentIdentity instrument) {
    }

    private static final class Slot {
        private Response pre;
        private Response post;

        /** Keeps the response if it is the latest of its phase; true when one was superseded. */
        boolean offer(Response response) {
            Response current = response.phase() == Phase.PRE ? pre : post;
            if (current != null && response.submitted().isBefore(current.submitted())) {
                return true;
            }
            if (response.phase() == Phase.PRE) {
                pre = response;
            } else {
                post = response;
            }
            return current != null;
        }
    }
}
