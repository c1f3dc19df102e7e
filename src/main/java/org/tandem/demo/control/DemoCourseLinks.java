package org.tandem.demo.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.tandem.catalogue.control.Catalogue;
import org.tandem.demo.entity.DemoLink;
import org.tandem.demo.entity.DemoPlacedLink;

/**
 * Every link of the demo course: the fixed ones ({@link DemoCourse}, from the starter pack) and,
 * after them, the ones a trainer placed with deep linking. Launching, the course page and the
 * line items service all look links up here.
 */
@ApplicationScoped
public class DemoCourseLinks {

    @Inject
    Catalogue catalogue;

    @Inject
    DemoDeepLinks deepLinks;

    public List<DemoLink> fixed() {
        return DemoCourse.links(catalogue.latest(DemoCourse.PACK));
    }

    public List<DemoLink> placed() {
        return deepLinks.placed().stream().map(DemoPlacedLink::link).toList();
    }

    public Optional<DemoLink> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return DemoPlacedLink.rowId(id).isPresent() ? deepLinks.placed(id).map(DemoPlacedLink::link)
                : DemoCourse.link(catalogue.latest(DemoCourse.PACK), id);
    }
}
