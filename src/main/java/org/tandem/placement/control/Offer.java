package org.tandem.placement.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Module;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.catalogue.entity.Seat;
import org.tandem.gradebook.control.Courier;
import org.tandem.gradebook.control.GradeColumns;
import org.tandem.gradebook.control.Scores;
import org.tandem.gradebook.entity.SendMode;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.ActivityRef;
import org.tandem.learning.entity.Phase;
import org.tandem.lti.deeplinking.ResourceLinkItem;
import org.tandem.paired.entity.PairedCase;

/**
 * What a content pack offers a trainer to place: every assessment before and after the programme
 * (as separate items: the same instrument, two gradebook columns), every module and scenario, and
 * the whole programme in its teaching order (pre assessment, modules, scenarios, post assessment).
 * Turns a choice into the resource links of a deep-linking response, each with the custom
 * parameters that open the activity and a line item that makes its gradebook column.
 */
public final class Offer {

    /** The choice that stands for the whole programme. */
    public static final String PROGRAMME = "programme";
    /** How new attempts pick the pack version: the newest ("latest"), or the version placed now. */
    public enum VersionPolicy { LATEST, PINNED }

    /** One placeable activity. */
    public record Choice(ActivityRef activity, String title, String text) {
        public String key() {
            return activity.key();
        }
    }

    private final ContentPack pack;
    private final List<Choice> programme;
    /** Offered one by one, not part of the whole programme: paired scenarios need pairs made first. */
    private final List<Choice> extras;

    private Offer(ContentPack pack, List<Choice> extras) {
        this.pack = pack;
        this.programme = new Offer(pack).programme;
        this.extras = List.copyOf(extras);
    }

    private Offer(ContentPack pack) {
        this.pack = pack;
        List<Choice> order = new ArrayList<>();
        for (Instrument i : pack.instruments()) {
            order.add(new Choice(ActivityRef.assessment(i.id(), Phase.PRE), i.title() + " (before the programme)",
                    "Relationship assessment before the programme, about 10 minutes. The course records completion."));
        }
        for (Module m : pack.modules()) {
            order.add(new Choice(ActivityRef.of(ActivityKind.MODULE, m.id()), m.title(),
                    m.summary() + " Joint module, about " + m.minutes() + " minutes."));
        }
        for (Scenario s : pack.scenarios()) {
            order.add(new Choice(ActivityRef.of(ActivityKind.SCENARIO, s.id()), s.title(), s.summary()
                    + " Role-swap scenario: the learner plays " + (s.seat() == Seat.CLINICIAN ? "the clinician." : "the manager.")));
        }
        for (Instrument i : pack.instruments()) {
            order.add(new Choice(ActivityRef.assessment(i.id(), Phase.POST), i.title() + " (after the programme)",
                    "The same assessment after the programme, to see what changed. The course records completion."));
        }
        this.programme = List.copyOf(order);
        this.extras = List.of();
    }

    public static Offer of(ContentPack pack) {
        return new Offer(Objects.requireNonNull(pack, "pack"));
    }

    /** This offer with the live paired scenarios as well (placed one by one, never as part of the programme). */
    public Offer withPaired(List<PairedCase> cases) {
        return new Offer(pack, cases.stream().map(c -> new Choice(ActivityRef.of(ActivityKind.PAIRED, c.id()), c.title(),
                c.summary().strip() + " Paired scenario: a manager and a clinician of a course pair play it together, live,"
                        + " each in the other's seat.")).toList());
    }

    public ContentPack pack() {
        return pack;
    }

    /** Every activity, in the programme's order. */
    public List<Choice> choices() {
        return programme;
    }

    public List<Choice> ofKind(ActivityKind kind, Optional<Phase> phase) {
        return java.util.stream.Stream.concat(programme.stream(), extras.stream()).filter(c -> c.activity().kind() == kind && c.activity().phase().equals(phase)).toList();
    }

    public Optional<Choice> choice(String key) {
        return java.util.stream.Stream.concat(programme.stream(), extras.stream()).filter(c -> c.key().equals(key)).findFirst();
    }

    /**
     * The chosen activities in programme order, each once; {@link #PROGRAMME} stands for all.
     *
     * @throws IllegalArgumentException naming a key the pack does not offer
     */
    public List<Choice> chosen(Set<String> keys) {
        Set<String> wanted = new LinkedHashSet<>(keys);
        boolean all = wanted.remove(PROGRAMME);
        for (String key : wanted) {
            if (choice(key).isEmpty()) {
                throw new IllegalArgumentException("The content pack '" + pack.id() + "' offers no activity '" + key + "'.");
            }
        }
        return java.util.stream.Stream.concat(programme.stream().filter(c -> all || wanted.contains(c.key())),
                extras.stream().filter(c -> wanted.contains(c.key()))).toList();
    }

    /**
     * The resource links for these choices. Assessments send what {@code assessments} says; modules
     * and scenarios their score. Each line item is out of {@link Scores#MAXIMUM}, labelled like the
     * link, with the activity key as resourceId so Tandem finds its columns again.
     */
    public List<ResourceLinkItem> items(List<Choice> choices, SendMode assessments, VersionPolicy policy) {
        List<ResourceLinkItem> items = new ArrayList<>();
        for (Choice c : choices) {
            Map<String, String> custom = new LinkedHashMap<>();
            custom.put("tandem_activity", c.activity().customActivity());
            c.activity().phase().ifPresent(p -> custom.put("tandem_phase", p.name().toLowerCase(java.util.Locale.ROOT)));
            custom.put("tandem_pack", pack.id());
            custom.put("tandem_version", policy == VersionPolicy.PINNED ? String.valueOf(pack.version()) : "latest");
            SendMode mode = c.activity().kind() == ActivityKind.ASSESSMENT ? assessments : GradeColumns.defaultMode(c.activity());
            custom.put(GradeColumns.GRADE_PARAMETER, mode.parameter());
            items.add(new ResourceLinkItem(c.title(), custom).withText(c.text())
                    .withLineItem(new ResourceLinkItem.LineItem(Scores.MAXIMUM, c.title(), c.key(), Courier.TAG)));
        }
        return items;
    }
}
