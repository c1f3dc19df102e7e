package org.tandem.learning.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalDouble;
import org.tandem.catalogue.control.Catalogue;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Scale;
import org.tandem.learning.entity.ActivityKind;
import org.tandem.learning.entity.Attempt;

/**
 * A completed attempt's result as a fraction from 0 to 1, for a gradebook that is asked for the
 * score: the knowledge checks of a module, the rubric of a scenario, and for an assessment the
 * total (mean of subscales, reverse items turned) placed on the instrument's scale, so 1 means
 * the most positive answers. Read against the pinned content version, like every result.
 */
@ApplicationScoped
public class Results {

    @Inject
    Catalogue catalogue;

    public Results() {
    }

    public Results(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public OptionalDouble fraction(Attempt attempt) {
        if (!attempt.completed()) {
            return OptionalDouble.empty();
        }
        if (attempt.kind() != ActivityKind.ASSESSMENT) {
            return attempt.score();
        }
        Instrument instrument = catalogue.pack(attempt.packId(), attempt.packVersion())
                .flatMap(pack -> pack.instrument(attempt.activityId())).orElse(null);
        if (instrument == null || attempt.phase().isEmpty()) {
            return OptionalDouble.empty();
        }
        AssessmentResponse response = AttemptStates.assessment(instrument, attempt.phase().get(), attempt.state());
        OptionalDouble total = new InstrumentScoring(instrument).total(response.answers());
        Scale scale = instrument.scale();
        if (total.isEmpty() || scale.max() <= scale.min()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((total.getAsDouble() - scale.min()) / (scale.max() - scale.min()));
    }
}
