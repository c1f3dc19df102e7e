package org.tandem.learning.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.tandem.catalogue.control.Catalogue;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.learning.control.Attempts;
import org.tandem.learning.control.LearnerProfiles;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.Attempt;
import org.tandem.learning.entity.LearnerProfile;
import org.tandem.platform.boundary.Message;
import org.tandem.platform.boundary.Pages;

/**
 * What every activity page needs first: the learner (from the launch token), their completed
 * profile, the content pack, and their attempt, always looked up through the learner.
 */
@RequestScoped
public class Activities {

    public static final String DEFAULT_PACK = "starter";

    @Inject
    LearnerContext context;

    @Inject
    LearnerProfiles profiles;

    @Inject
    Catalogue catalogue;

    @Inject
    Attempts attempts;

    @Inject
    Pages pages;

    /** The learner's profile; sends them to the profile questions first when it is incomplete. */
    public LearnerProfile profile(String token, String returnPath) {
        context.require(token);
        LearnerProfile profile = profiles.forLaunch(context.learner(), context.groupFromLaunch());
        if (!profile.complete()) {
            throw new WebApplicationException(Response.seeOther(URI.create(context.link("/learn/profile?next="
                    + java.net.URLEncoder.encode(returnPath, java.nio.charset.StandardCharsets.UTF_8)))).build());
        }
        return profile;
    }

    /** The version of the pack the launch names (custom tandem_pack, tandem_version) that new attempts start on. */
    public ContentPack latestPack() {
        String packId = context.customValue("tandem_pack").orElse(DEFAULT_PACK);
        // version policy (custom tandem_version): "latest", or the number of the version the trainer kept
        Optional<Integer> pinned = context.customValue("tandem_version").filter(v -> v.matches("[0-9]{1,6}")).map(Integer::valueOf);
        if (pinned.isPresent()) {
            return catalogue.pack(packId, pinned.get()).orElseThrow(() -> notFound("learning.missing.version", pinned.get(), packId));
        }
        return catalogue.latest(packId).orElseThrow(() -> notFound("learning.missing.pack", packId));
    }

    /** The exact pack version an attempt started on (publishing a newer one never changes it). */
    public ContentPack pinned(Attempt attempt) {
        return catalogue.pack(attempt.packId(), attempt.packVersion())
                .orElseThrow(() -> notFound("learning.missing.content"));
    }

    public Attempt ownAttempt(long attemptId) {
        return attempts.of(context.learner(), attemptId).orElseThrow(() -> notFound("learning.missing.attempt"));
    }

    /** A 404 page whose message is the bundle's {@code key} with these values. */
    public WebApplicationException notFound(String key, Object... values) {
        return new WebApplicationException(page(404, pages.text("learning.notFound.title"), pages.text(key, values)));
    }

    /** A page saying what was refused: title {@code key.title}, message {@code key.text} with these values. */
    public Response problem(int status, String key, Object... values) {
        return page(status, pages.text(key + ".title"), pages.text(key + ".text", values));
    }

    private Response page(int status, String title, String message) {
        return pages.message(status, Message.of(title, message).by(context.displayName()).alerting(null)
                .linking(Message.Link.to(context.link("/learn"), pages.text("learning.back"))));
    }

    /**
     * "Start again" / "Play again": a new attempt once the latest one is completed (an attempt in
     * progress is resumed instead, so a double click starts nothing twice); back to the activity page.
     */
    public Response restart(ActivityKind kind, String activityId, String token, Function<LearnerProfile, Attempt> start) {
        String page = "/learn/" + kind.slug() + "/" + activityId;
        LearnerProfile profile = profile(token, page);
        Optional<Attempt> latest = attempts.latest(context.learner(), kind, activityId, Optional.empty());
        if (latest.isEmpty() || latest.get().completed()) {
            start.apply(profile);
        }
        return Response.seeOther(URI.create(context.link(page))).build();
    }

    /** One version of a pack, if it is installed (a partner's attempt may pin another version than one's own). */
    public Optional<ContentPack> pack(String packId, int version) {
        return catalogue.pack(packId, version);
    }

    public Optional<ContentPack> latest(String packId) {
        return catalogue.latest(packId);
    }
}
