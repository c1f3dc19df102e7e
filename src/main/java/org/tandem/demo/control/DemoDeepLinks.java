package org.tandem.demo.control;

import com.nimbusds.jose.jwk.JWKSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.tandem.demo.control.ToolMessageRefused.Check;
import org.tandem.demo.entity.DemoDeepLinkRequest;
import org.tandem.demo.entity.DemoLineItem;
import org.tandem.demo.entity.DemoLink;
import org.tandem.demo.entity.DemoPerson;
import org.tandem.demo.entity.DemoPlacedLink;
import org.tandem.lti.registration.control.ToolKeys;

/**
 * Deep linking on the demo platform's side: the requests it sends a trainer to Tandem with, and
 * the responses it takes back. A response is verified in full ({@link DeepLinkingReturn}), its
 * nonce used up and its data matched to a request sent here before anything is stored; then each
 * ltiResourceLink becomes a placed course link, with a gradebook column when it asks for one.
 * Callers own the transaction.
 */
@ApplicationScoped
public class DemoDeepLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    ToolKeys toolKeys;

    /** Tandem's published keys: what an LMS reads at the tool's JWKS URL. */
    private Supplier<JWKSet> publishedKeys = () -> toolKeys.publicKeys();

    @Inject
    DemoReplayGuard replays;

    Clock clock = Clock.systemUTC();

    public DemoDeepLinks() {
    }

    /** For tests outside a container. */
    public DemoDeepLinks(EntityManager em, Supplier<JWKSet> publishedKeys, DemoReplayGuard replays, Clock clock) {
        this.em = em;
        this.publishedKeys = publishedKeys;
        this.replays = replays;
        this.clock = clock;
    }

    /** What a verified response placed in the course. */
    public record Placed(List<DemoLink> links, String returnUrl, Optional<String> msg, Optional<String> errorMsg) {
    }

    /**
     * A new deep-linking request by {@code person}; returns the data value the response must echo.
     *
     * @throws IllegalArgumentException for anyone but a trainer of the course: as in an LMS, only
     *                                  they may add activities
     */
    public String request(DemoPerson person, String returnUrl) {
        if (!person.instructor()) {
            throw new IllegalArgumentException(person.displayName() + " is not a trainer of the demo course; only a trainer "
                    + "may add activities");
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String data = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        em.persist(new DemoDeepLinkRequest(data, person, returnUrl, clock.instant()));
        em.flush();
        return data;
    }

    /** Verifies a response posted to the return URL and places its links; nothing is stored when it is refused. */
    public Placed accept(String jwt, DeepLinkingReturn.Expected expected) throws ToolMessageRefused {
        Instant now = clock.instant();
        DeepLinkingReturn.Checked response = DeepLinkingReturn.verify(jwt, expected, publishedKeys.get(), now);
        if (!usedUp(response)) {
            throw new ToolMessageRefused(Check.NONCE, "the nonce of this response was used before: the response is a replay");
        }
        // Deep Linking 2.0: data is opaque to the tool and must come back exactly as sent
        String data = response.data().orElseThrow(() -> new ToolMessageRefused(Check.DATA,
                "data is missing, but the request carried a data value that must come back"));
        DemoDeepLinkRequest request = em.find(DemoDeepLinkRequest.class, data);
        if (request == null) {
            throw new ToolMessageRefused(Check.DATA, "data does not match any deep-linking request this platform sent");
        }
        Optional<String> unanswerable = request.unanswerable(now);
        if (unanswerable.isPresent()) {
            throw new ToolMessageRefused(Check.DATA, unanswerable.get());
        }
        List<DemoLink> placed = new ArrayList<>();
        for (DeepLinkingReturn.Item item : response.items()) {
            DemoPlacedLink link = new DemoPlacedLink(item.title(), item.text(), item.url(), item.custom(), request.person(), now);
            em.persist(link);
            item.lineItem().ifPresent(column -> {
                DemoLineItem lineItem = new DemoLineItem(column.label(), column.scoreMaximum(), column.resourceId().orElse(null),
                        column.tag().orElse(null), link.resourceLinkId(), now);
                em.persist(lineItem);
                link.gradedIn(lineItem);
            });
            placed.add(link.link());
        }
        request.answered(now);
        em.flush();
        return new Placed(List.copyOf(placed), request.returnUrl(), response.msg(), response.errorMsg());
    }

    private boolean usedUp(DeepLinkingReturn.Checked response) {
        try {
            return replays.firstUse("dl-nonce", response.nonce(), response.expires());
        } catch (RuntimeException e) {
            // the same nonce inserted by another request at the same moment
            return false;
        }
    }

    /** The links placed so far, in the order they were placed. */
    public List<DemoPlacedLink> placed() {
        return em.createQuery("select l from DemoPlacedLink l order by l.id", DemoPlacedLink.class).getResultList();
    }

    public Optional<DemoPlacedLink> placed(String resourceLinkId) {
        return DemoPlacedLink.rowId(resourceLinkId).map(id -> em.find(DemoPlacedLink.class, id));
    }
}
