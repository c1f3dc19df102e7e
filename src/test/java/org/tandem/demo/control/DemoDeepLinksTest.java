package org.tandem.demo.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.demo.control.ToolMessageRefused.Check;
import org.tandem.demo.entity.DemoLineItem;
import org.tandem.demo.entity.DemoLink;
import org.tandem.demo.entity.DemoPerson;
import org.tandem.lti.registration.control.ToolKeys;
import org.tandem.lti.testing.MutableClock;
import org.tandem.testing.TestDatabases;
import org.tandem.testing.TestDatabases.Database;

/**
 * The demo platform's deep-linking return on both databases, with Tandem's real keys
 * ({@link ToolKeys}, as published at its JWKS URL) and responses signed by Tandem's own
 * DeepLinkingResponse: verified responses become course links and gradebook columns, in order;
 * replays, foreign data and late answers are refused, and a refused response stores nothing.
 */
class DemoDeepLinksTest {

    static final String COURSE_PAGE = "http://localhost:8080/demo";

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    static Stream<Database> databases() {
        return TestDatabases.both();
    }

    private <T> T with(Database db, Function<DemoDeepLinks, T> work) {
        return db.inTransaction(em -> work.apply(deepLinks(em)));
    }

    private DemoDeepLinks deepLinks(EntityManager em) {
        ToolKeys keys = new ToolKeys(em, 24, clock);
        return new DemoDeepLinks(em, keys::publicKeys, new DemoReplayGuard(em, clock), clock);
    }

    private RSAKey tandemKey(Database db) {
        return db.inTransaction(em -> new ToolKeys(em, 24, clock).signingKey());
    }

    private DemoDeepLinks.Placed accept(Database db, String jwt) throws ToolMessageRefused {
        EntityManager em = db.emf().createEntityManager();
        try {
            em.getTransaction().begin();
            DemoDeepLinks.Placed placed = deepLinks(em).accept(jwt, DeepLinkingReturnTest.EXPECTED);
            em.getTransaction().commit();
            return placed;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().commit(); // a refusal commits what it used up (the nonce), never links
            }
            em.close();
        }
    }

    private void refused(Database db, String jwt, Check check, String because) {
        assertThatThrownBy(() -> accept(db, jwt)).isInstanceOf(ToolMessageRefused.class).hasMessageContaining(because)
                .satisfies(e -> assertThat(((ToolMessageRefused) e).check()).isEqualTo(check));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void placesTandemsProgrammeAsCourseLinksWithGradebookColumnsInOrder(Database db) throws Exception {
        String data = with(db, d -> d.request(DemoPerson.TRAINER, COURSE_PAGE));
        String jwt = DeepLinkingReturnTest.tandemResponse(tandemKey(db), data, clock.instant());

        DemoDeepLinks.Placed placed = accept(db, jwt);

        assertThat(placed.returnUrl()).isEqualTo(COURSE_PAGE);
        assertThat(placed.msg()).contains("3 activities added");
        assertThat(placed.links()).extracting(DemoLink::title)
                .containsExactly("Relationship check (before)", "Two views of one waiting list", "Friday discharge (role swap)");
        List<String> ids = placed.links().stream().map(DemoLink::id).toList();
        List<DemoLink> stored = with(db, d -> d.placed().stream().map(p -> p.link()).filter(l -> ids.contains(l.id())).toList());
        assertThat(stored).extracting(DemoLink::id).containsExactlyElementsOf(ids);
        DemoLink first = stored.get(0);
        assertThat(first.custom()).containsEntry("tandem_activity", "assessment:relationship").containsEntry("tandem_phase", "pre");
        assertThat(first.url()).contains("http://localhost:8080/lti/launch");
        assertThat(stored.get(1).text()).contains("Both perspectives, side by side");
        assertThat(stored.get(1).lineItemId()).isEmpty();

        DemoLineItem column = db.inTransaction(em -> new DemoGradebook(em, clock).lineItem(first.lineItemId().orElseThrow())
                .orElseThrow());
        assertThat(column.label()).isEqualTo("Before the programme");
        assertThat(column.scoreMaximum()).isEqualTo(1);
        assertThat(column.resourceId()).contains("assessment:relationship:pre");
        assertThat(column.tag()).contains("pre");
        assertThat(column.resourceLinkId()).contains(first.id());
        List<DemoLineItem> found = db.inTransaction(em -> new DemoGradebook(em, clock).lineItems("scenario:friday-discharge",
                "scenario", stored.get(2).id()));
        assertThat(found).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesAReplayedResponse(Database db) throws Exception {
        String data = with(db, d -> d.request(DemoPerson.TRAINER, COURSE_PAGE));
        String jwt = DeepLinkingReturnTest.tandemResponse(tandemKey(db), data, clock.instant());
        accept(db, jwt);

        refused(db, jwt, Check.NONCE, "used before");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesDataThePlatformDidNotSendOrHasHadItsAnswer(Database db) throws Exception {
        RSAKey key = tandemKey(db);
        refused(db, DeepLinkingReturnTest.tandemResponse(key, "made-up", clock.instant()), Check.DATA,
                "does not match any deep-linking request");
        refused(db, DeepLinkingReturnTest.tandemResponse(key, null, clock.instant()), Check.DATA, "data is missing");

        String data = with(db, d -> d.request(DemoPerson.TRAINER, COURSE_PAGE));
        accept(db, DeepLinkingReturnTest.tandemResponse(key, data, clock.instant()));
        refused(db, DeepLinkingReturnTest.tandemResponse(key, data, clock.instant()), Check.DATA, "answered already");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesAnAnswerMoreThanAnHourLate(Database db) throws Exception {
        String data = with(db, d -> d.request(DemoPerson.TRAINER, COURSE_PAGE));
        clock.advance(Duration.ofMinutes(61));

        refused(db, DeepLinkingReturnTest.tandemResponse(tandemKey(db), data, clock.instant()), Check.DATA, "60 minutes only");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRefusedResponseStoresNothing(Database db) throws Exception {
        String data = with(db, d -> d.request(DemoPerson.TRAINER, COURSE_PAGE));
        int before = with(db, d -> d.placed().size());
        RSAKey stranger = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("not-tandems").generate();

        refused(db, DeepLinkingReturnTest.tandemResponse(stranger, data, clock.instant()), Check.KEY, "does not publish");

        int after = with(db, d -> d.placed().size());
        assertThat(after).isEqualTo(before);
        // the request is still open: Tandem's real answer is taken afterwards
        assertThat(accept(db, DeepLinkingReturnTest.tandemResponse(tandemKey(db), data, clock.instant())).links()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void onlyATrainerMayStartADeepLinkingRequest(Database db) {
        assertThatThrownBy(() -> with(db, d -> d.request(DemoPerson.MANAGER, COURSE_PAGE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only a trainer");
    }
}
