package org.tandem.lti.registration.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.tandem.lti.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tandem.lti.testing.TestPlatform;

/** The JWKS cache: how long it trusts a key set, when it asks again, and what it does when the platform is down. */
class PlatformKeySetsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final TestPlatform platform = TestPlatform.start();
    private final PlatformKeySets keySets = new PlatformKeySets(TestPlatform.jwksFetcher(), clock);

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    @ParameterizedTest(name = "Cache-Control: {0} -> {1} s")
    @CsvSource(nullValues = "NONE", value = {
            "NONE, 300",
            "max-age=300, 300",
            "'public, max-age=600', 600",
            "MAX-AGE=7200, 7200",
            "max-age=5, 60",
            "max-age=0, 60",
            "max-age=31536000, 86400",
            "no-store, 60",
            "'no-cache, max-age=3600', 60",
            "private, 300"})
    void keepsCacheLifetimeFromMaxAgeBetweenOneMinuteAndOneDay(String cacheControl, long seconds) {
        assertThat(PlatformKeySets.ttl(Optional.ofNullable(cacheControl))).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void secondSelectUsesCacheWithoutFetching() throws Exception {
        JWK first = keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        JWK second = keySets.select(platform.jwksUrl(), header(platform.currentKid()));

        assertThat(first.getKeyID()).isEqualTo(platform.currentKid());
        assertThat(second).isEqualTo(first);
        assertThat(platform.jwksRequests()).isEqualTo(1);
        assertThat(first.isPrivate()).isFalse();
    }

    @Test
    void fetchesAgainOnlyAfterMaxAgeExpires() throws Exception {
        platform.jwksCacheControl("public, max-age=600");
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));

        clock.advance(Duration.ofSeconds(599));
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        assertThat(platform.jwksRequests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        assertThat(platform.jwksRequests()).isEqualTo(2);
    }

    @Test
    void cachesAtLeastOneMinuteWhateverMaxAgeSays() throws Exception {
        platform.jwksCacheControl("max-age=0");
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));

        clock.advance(Duration.ofSeconds(59));
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        assertThat(platform.jwksRequests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        assertThat(platform.jwksRequests()).isEqualTo(2);
    }

    @Test
    void cachesAtMostOneDayWhateverMaxAgeSays() throws Exception {
        platform.jwksCacheControl("max-age=31536000");
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));

        clock.advance(Duration.ofHours(23));
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        assertThat(platform.jwksRequests()).isEqualTo(1);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        assertThat(platform.jwksRequests()).isEqualTo(2);
    }

    @Test
    void cachesFiveMinutesWithoutCacheControl() throws Exception {
        platform.jwksCacheControl(null);
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));

        clock.advance(Duration.ofSeconds(299));
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        assertThat(platform.jwksRequests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        assertThat(platform.jwksRequests()).isEqualTo(2);
    }

    @Test
    void keepsStaleKeysWhenRefetchFails() throws Exception {
        platform.jwksCacheControl("max-age=60");
        String kid = platform.currentKid();
        keySets.select(platform.jwksUrl(), header(kid));

        platform.jwksStatus(503);
        clock.advance(Duration.ofSeconds(61));
        JWK stale = keySets.select(platform.jwksUrl(), header(kid));

        assertThat(stale.getKeyID()).isEqualTo(kid);
        assertThat(platform.jwksRequests()).isEqualTo(2);

        // the failed platform is not asked again on every launch
        clock.advance(Duration.ofSeconds(30));
        keySets.select(platform.jwksUrl(), header(kid));
        assertThat(platform.jwksRequests()).isEqualTo(2);

        platform.jwksStatus(200);
        clock.advance(Duration.ofSeconds(31));
        keySets.select(platform.jwksUrl(), header(kid));
        assertThat(platform.jwksRequests()).isEqualTo(3);
    }

    @Test
    void failsNamingJwksUrlWhenFirstFetchFails() {
        platform.jwksStatus(503);

        assertThatThrownBy(() -> keySets.select(platform.jwksUrl(), header(platform.currentKid())))
                .isInstanceOf(PlatformKeySets.KeyLookupException.class)
                .hasMessageContaining(platform.jwksUrl());
    }

    @Test
    void refusesBodyThatIsNotAJwkSet() {
        PlatformKeySets broken = new PlatformKeySets(uri -> new PlatformKeySets.Fetched("<html>login</html>",
                Optional.empty()), clock);

        assertThatThrownBy(() -> broken.select("https://lms.example/jwks", header("k1")))
                .isInstanceOf(PlatformKeySets.KeyLookupException.class)
                .hasMessageContaining("https://lms.example/jwks");
    }

    @Test
    void selectsKeyByKidAfterRotation() throws Exception {
        String oldKid = platform.currentKid();
        String newKid = platform.rotateKey();

        assertThat(keySets.select(platform.jwksUrl(), header(oldKid)).getKeyID()).isEqualTo(oldKid);
        assertThat(keySets.select(platform.jwksUrl(), header(newKid)).getKeyID()).isEqualTo(newKid);
        assertThat(platform.jwksRequests()).isEqualTo(1);
    }

    @Test
    void aNewKidIsLookedForOnceTheShortGapSinceTheLastFetchHasPassed() throws Exception {
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        String newKid = platform.rotateKey();

        clock.advance(PlatformKeySets.MIN_FETCH_GAP.minusSeconds(1));
        assertThatThrownBy(() -> keySets.select(platform.jwksUrl(), header(newKid)))
                .isInstanceOf(PlatformKeySets.KeyLookupException.class)
                .hasMessageContaining(newKid)
                .hasMessageContaining(platform.jwksUrl());
        assertThat(platform.jwksRequests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(keySets.select(platform.jwksUrl(), header(newKid)).getKeyID()).isEqualTo(newKid);
        assertThat(platform.jwksRequests()).isEqualTo(2);
    }

    @Test
    void aForgedKidDoesNotKeepOutALegitimatelyRotatedKey() throws Exception {
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        clock.advance(PlatformKeySets.MIN_FETCH_GAP);
        assertThatThrownBy(() -> keySets.select(platform.jwksUrl(), header("forged-kid")))
                .isInstanceOf(PlatformKeySets.KeyLookupException.class);
        assertThat(platform.jwksRequests()).isEqualTo(2);

        // the platform rotates a few seconds after someone sent a forged kid
        String newKid = platform.rotateKey();
        clock.advance(PlatformKeySets.MIN_FETCH_GAP);

        assertThat(keySets.select(platform.jwksUrl(), header(newKid)).getKeyID()).isEqualTo(newKid);
        assertThat(platform.jwksRequests()).isEqualTo(3);
    }

    @Test
    void aRepeatedUnknownKidIsLookedForOnlyOncePerMinimumInterval() throws Exception {
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        clock.advance(PlatformKeySets.MIN_FETCH_GAP);
        assertThatThrownBy(() -> keySets.select(platform.jwksUrl(), header("forged-kid")))
                .isInstanceOf(PlatformKeySets.KeyLookupException.class);
        assertThat(platform.jwksRequests()).isEqualTo(2);

        for (int i = 0; i < 10; i++) {
            clock.advance(PlatformKeySets.MIN_FETCH_GAP);
            assertThatThrownBy(() -> keySets.select(platform.jwksUrl(), header("forged-kid")))
                    .isInstanceOf(PlatformKeySets.KeyLookupException.class);
        }
        assertThat(platform.jwksRequests()).as("the same forged kid costs the platform nothing more").isEqualTo(2);

        clock.advance(PlatformKeySets.MIN_REFETCH_INTERVAL);
        assertThatThrownBy(() -> keySets.select(platform.jwksUrl(), header("forged-kid")))
                .isInstanceOf(PlatformKeySets.KeyLookupException.class);
        assertThat(platform.jwksRequests()).isEqualTo(3);
    }

    @Test
    void aStreamOfDifferentForgedKidsCostsAtMostOneFetchPerGap() throws Exception {
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        for (int second = 1; second <= 60; second++) {
            clock.advance(Duration.ofSeconds(1));
            for (int i = 0; i < 20; i++) {
                String kid = "forged-" + second + "-" + i;
                assertThatThrownBy(() -> keySets.select(platform.jwksUrl(), header(kid)))
                        .isInstanceOf(PlatformKeySets.KeyLookupException.class);
            }
        }
        assertThat(platform.jwksRequests()).as("1,200 forged kids in a minute")
                .isLessThanOrEqualTo(1 + (int) (60 / PlatformKeySets.MIN_FETCH_GAP.toSeconds()));
    }

    @Test
    void withoutKidSelectsNoKeyEvenWhenThePlatformPublishesOne() {
        // LTI Advantage certification: "No KID Sent in JWT header" is a bad payload, not a hint to guess
        JWSHeader noKid = new JWSHeader.Builder(JWSAlgorithm.RS256).build();

        assertThatThrownBy(() -> keySets.select(platform.jwksUrl(), noKid))
                .isInstanceOf(PlatformKeySets.KeyLookupException.class)
                .hasMessageContaining("no kid");
        assertThat(platform.jwksRequests()).as("nothing to look up, nothing fetched").isZero();
    }

    @Test
    void doesNotOfferRsaKeyForEcAlgorithm() {
        JWSHeader es256 = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(platform.currentKid()).build();

        assertThatThrownBy(() -> keySets.select(platform.jwksUrl(), es256))
                .isInstanceOf(PlatformKeySets.KeyLookupException.class);
    }

    @Test
    void evictForgetsCachedKeySet() throws Exception {
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));
        keySets.evict(platform.jwksUrl());
        keySets.select(platform.jwksUrl(), header(platform.currentKid()));

        assertThat(platform.jwksRequests()).isEqualTo(2);
    }

    @Test
    void cachesEachPlatformSeparately() throws Exception {
        try (TestPlatform other = TestPlatform.start()) {
            keySets.select(platform.jwksUrl(), header(platform.currentKid()));

            assertThatThrownBy(() -> keySets.select(platform.jwksUrl(), header(other.currentKid())))
                    .isInstanceOf(PlatformKeySets.KeyLookupException.class);
            assertThat(keySets.select(other.jwksUrl(), header(other.currentKid())).getKeyID())
                    .isEqualTo(other.currentKid());
            assertThat(other.jwksRequests()).isEqualTo(1);
        }
    }

    @Test
    void countsOnlyRealFetches() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        PlatformKeySets.Fetcher http = TestPlatform.jwksFetcher();
        PlatformKeySets counted = new PlatformKeySets(uri -> {
            fetches.incrementAndGet();
            return http.fetch(uri);
        }, clock);
        for (int i = 0; i < 5; i++) {
            counted.select(platform.jwksUrl(), header(platform.currentKid()));
        }

        assertThat(fetches).hasValue(1);
    }

    private static JWSHeader header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
    }

}
