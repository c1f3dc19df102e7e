package org.tandem.learning.entity;

import java.util.Objects;
import java.util.Optional;

/**
 * Which activity a course link opens: kind, id and, for assessments, the phase. Written on links
 * as the custom parameters {@code tandem_activity=kind:id} and {@code tandem_phase=pre|post};
 * {@link #key()} is the one-string form gradebook columns and line items (resourceId) use.
 */
public record ActivityRef(ActivityKind kind, String id, Optional<Phase> phase) {

    public ActivityRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phase, "phase");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("not an activity id: " + id);
        }
        if (kind == ActivityKind.ASSESSMENT && phase.isEmpty()) {
            throw new IllegalArgumentException("an assessment needs its phase (pre or post)");
        }
        if (kind != ActivityKind.ASSESSMENT) {
            phase = Optional.empty();
        }
    }

    public static ActivityRef of(ActivityKind kind, String id) {
        return new ActivityRef(kind, id, Optional.empty());
    }

    public static ActivityRef assessment(String id, Phase phase) {
        return new ActivityRef(ActivityKind.ASSESSMENT, id, Optional.of(phase));
    }

    /** The link's custom parameters, when they name an activity Tandem knows how to open. */
    public static Optional<ActivityRef> fromCustom(String activity, String phase) {
        if (activity == null) {
            return Optional.empty();
        }
        String[] parts = activity.trim().split(":", 2);
        Optional<ActivityKind> kind = ActivityKind.fromSlug(parts[0]);
        if (kind.isEmpty() || parts.length < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ActivityRef(kind.get(), parts[1].trim(), Phase.fromParameter(phase)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** "module:id", "scenario:id", "assessment:id:pre". */
    public String key() {
        return kind.slug() + ":" + id + phase.map(p -> ":" + p.name().toLowerCase(java.util.Locale.ROOT)).orElse("");
    }

    /** The custom parameter value naming the activity (without the phase). */
    public String customActivity() {
        return kind.slug() + ":" + id;
    }

    public static Optional<ActivityRef> fromKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String[] parts = key.split(":");
        if (parts.length == 3) {
            return fromCustom(parts[0] + ":" + parts[1], parts[2]).filter(r -> r.phase().isPresent());
        }
        return parts.length == 2 ? fromCustom(key, null) : Optional.empty();
    }

    @Override
    public String toString() {
        return key();
    }
}
