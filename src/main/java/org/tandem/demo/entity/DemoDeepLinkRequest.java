package org.tandem.demo.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A deep-linking request the demo platform sent to Tandem. Its {@code data} value is opaque to
 * the tool and must come back unchanged in the response (Deep Linking 2.0, deep_linking_settings
 * "data"); it is answered once, within {@link #ANSWER_WITHIN}.
 */
@Entity
@Table(name = "demo_deep_link_request")
public class DemoDeepLinkRequest {

    /** Long enough to choose a programme, short enough that an old request cannot be answered. */
    public static final Duration ANSWER_WITHIN = Duration.ofHours(1);

    @Id
    @Column(name = "data_value")
    private String data;

    @Column(nullable = false)
    private String person;

    @Column(name = "return_url", nullable = false)
    private String returnUrl;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "answered_at")
    private Instant answeredAt;

    protected DemoDeepLinkRequest() {
    }

    public DemoDeepLinkRequest(String data, DemoPerson person, String returnUrl, Instant createdAt) {
        this.data = data;
        this.person = person.hint();
        this.returnUrl = returnUrl;
        this.createdAt = createdAt;
    }

    /** Why this request cannot take an answer now, if it cannot. */
    public Optional<String> unanswerable(Instant now) {
        if (answeredAt != null) {
            return Optional.of("this deep-linking request was answered already at " + answeredAt);
        }
        if (now.isAfter(createdAt.plus(ANSWER_WITHIN))) {
            return Optional.of("this deep-linking request was sent at " + createdAt + " and may be answered for "
                    + ANSWER_WITHIN.toMinutes() + " minutes only");
        }
        return Optional.empty();
    }

    public void answered(Instant now) {
        answeredAt = now;
    }

    public String data() {
        return data;
    }

    public String person() {
        return person;
    }

    /** The course page the trainer came from. */
    public String returnUrl() {
        return returnUrl;
    }
}
