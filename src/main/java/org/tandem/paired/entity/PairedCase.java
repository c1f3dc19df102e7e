package org.tandem.paired.entity;

import java.util.List;
import java.util.Optional;
import org.tandem.catalogue.entity.Seat;

/**
 * A case two partners play together: per seat a briefing, pressures and facts only that seat
 * knows; a row of decisions, each owned by the seat that decides when the pair disagrees.
 */
public record PairedCase(String id, int version, String title, String summary, Seats seats, List<Decision> decisions,
                         String debrief) {

    public PairedCase {
        decisions = List.copyOf(decisions);
    }

    public record Seats(SeatBrief manager, SeatBrief clinician) {
    }

    public record SeatBrief(String briefing, List<String> pressures, List<String> hidden) {

        public SeatBrief {
            pressures = List.copyOf(pressures);
            hidden = List.copyOf(hidden);
        }
    }

    public record Decision(String id, String title, String situation, Seat owner, List<Option> options) {

        public Decision {
            options = List.copyOf(options);
        }

        public Optional<Option> option(String optionId) {
            return options.stream().filter(o -> o.id().equals(optionId)).findFirst();
        }

        public int maxPoints() {
            return options.stream().mapToInt(Option::points).max().orElse(0);
        }
    }

    public record Option(String id, String text, int points, String outcome) {
    }

    public SeatBrief brief(Seat seat) {
        return seat == Seat.MANAGER ? seats.manager() : seats.clinician();
    }

    public Optional<Decision> decision(String decisionId) {
        return decisions.stream().filter(d -> d.id().equals(decisionId)).findFirst();
    }

    public int maxPoints() {
        return decisions.stream().mapToInt(Decision::maxPoints).sum();
    }
}
