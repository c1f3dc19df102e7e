package org.tandem.demo.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Module;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.demo.entity.DemoLink;

/**
 * The demo course's resource links: a programme home, then every activity of a content pack,
 * with the custom parameters (tandem_activity, tandem_phase) a trainer sets on an LMS link.
 */
public final class DemoCourse {

    public static final String HOME = "demo-link-home";
    /** The content pack whose activities the course links. */
    public static final String PACK = "starter";

    private DemoCourse() {
    }

    public static List<DemoLink> links(Optional<ContentPack> pack) {
        List<DemoLink> links = new ArrayList<>();
        links.add(new DemoLink(HOME, DemoPlatform.LINK_TITLE, "home", Map.of()));
        if (pack.isEmpty()) {
            return links;
        }
        String packId = pack.get().id();
        for (Instrument i : pack.get().instruments()) {
            links.add(new DemoLink("assessment-" + i.id() + "-pre", i.title() + " (before the programme)", "assessment",
                    Map.of("tandem_activity", "assessment:" + i.id(), "tandem_phase", "pre", "tandem_pack", packId)));
        }
        for (Module m : pack.get().modules()) {
            links.add(new DemoLink("module-" + m.id(), m.title(), "module",
                    Map.of("tandem_activity", "module:" + m.id(), "tandem_pack", packId)));
        }
        for (Scenario s : pack.get().scenarios()) {
            links.add(new DemoLink("scenario-" + s.id(), s.title(), "scenario",
                    Map.of("tandem_activity", "scenario:" + s.id(), "tandem_pack", packId)));
        }
        for (Instrument i : pack.get().instruments()) {
            links.add(new DemoLink("assessment-" + i.id() + "-post", i.title() + " (after the programme)", "assessment",
                    Map.of("tandem_activity", "assessment:" + i.id(), "tandem_phase", "post", "tandem_pack", packId)));
        }
        return links;
    }

    public static Optional<DemoLink> link(Optional<ContentPack> pack, String id) {
        return links(pack).stream().filter(l -> l.id().equals(id)).findFirst();
    }
}
