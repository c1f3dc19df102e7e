package org.tandem.learning.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one learner sits in a stored pairing: in pair number {@code pairNo}, or unpaired with
 * the reason's name. (An embeddable, so a class: JPA 3.1 cannot map records.)
 */
@Embeddable
public class PairingSeat {

    @Column(nullable = false)
    private String subject;

    @Column(name = "pair_no")
    private Integer pairNo;

    @Column(name = "unpaired_reason")
    private String unpairedReason;

    protected PairingSeat() {
    }

    private PairingSeat(String subject, Integer pairNo, String unpairedReason) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.pairNo = pairNo;
        this.unpairedReason = unpairedReason;
    }

    public static PairingSeat paired(String subject, int pairNo) {
        return new PairingSeat(subject, pairNo, null);
    }

    public static PairingSeat unpaired(String subject, String reason) {
        return new PairingSeat(subject, null, Objects.requireNonNull(reason, "reason"));
    }

    public String subject() {
        return subject;
    }

    /** The pair's number, or empty when unpaired. */
    public Optional<Integer> pairNo() {
        return Optional.ofNullable(pairNo);
    }

    public Optional<String> unpairedReason() {
        return Optional.ofNullable(unpairedReason);
    }
}
