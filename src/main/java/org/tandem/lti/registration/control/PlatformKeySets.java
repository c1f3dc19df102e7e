package org.tandem.lti.registration.control;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tandem.lti.OutboundHttp;

/**
 * The platforms' public keys. Each JWKS is cached as long as its Cache-Control allows (bounded
 * between one minute and one day, five minutes without a header) and fetched again when a token
 * names a kid the cache does not hold. Anyone can send a token with any kid, so refetches are
 * throttled per kid: a kid that was looked for and not found is not looked for again within the
 * minimum interval (a minute), and a JWKS is fetched at most once every five seconds whatever
 * the kids. Forged kids thus cost the platform at most twelve fetches a minute, and they never
 * keep a legitimately rotated key out for longer than those five seconds; a throttle per JWKS
 * URL (one fetch a minute) let one forged token block a real rotation for a minute.
 * Per instance by design: a cache miss costs one fetch.
 *
 * <p>Hand-written rather than Nimbus's JWKSourceBuilder: its rate limiter counts fetches per
 * source (per JWKS URL), which is exactly the throttle that let a forged kid block a rotation.
 */
@ApplicationScoped
public class PlatformKeySets {

    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final Duration MIN_TTL = Duration.ofMinutes(1);
    static final Duration MAX_TTL = Duration.ofDays(1);
    static final Duration MIN_REFETCH_INTERVAL = Duration.ofMinutes(1);
    static final Duration MIN_FETCH_GAP = Duration.ofSeconds(5);
    /** Kids remembered at most; beyond, the oldest memories go first. */
    static final int MAX_TRIED_KIDS = 10_000;
    private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*(\\d+)");

    /** Fetches a JWKS document: its body and the Cache-Control header, if any. */
    public interface Fetcher {
        Fetched fetch(URI jwksUrl) throws IOException;
    }

    public record Fetched(String body, Optional<String> cacheControl) {
    }

    private record Entry(JWKSet keys, Instant expires, Instant fetchedAt) {
    }

    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    /** When each unknown kid (JWKS URL and kid) was last looked for in a fresh fetch. */
    private final Map<String, Instant> triedKids = new ConcurrentHashMap<>();
    private Fetcher fetcher;
    private Clock clock;
    private Duration minRefetchInterval = MIN_REFETCH_INTERVAL;

    protected PlatformKeySets() {
        // for CDI
    }

    @Inject
    public PlatformKeySets(OutboundHttp http,
                           @ConfigProperty(name = "tandem.lti.jwks-min-refetch-seconds", defaultValue = "60") long minRefetchSeconds) {
        this(uri -> {
            HttpResponse<String> response = http.get(uri, "application/json, application/jwk-set+json");
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + uri);
            }
            return new Fetched(response.body(), response.headers().firstValue("Cache-Control"));
        }, Clock.systemUTC());
        this.minRefetchInterval = Duration.ofSeconds(Math.max(1, minRefetchSeconds));
    }

    public PlatformKeySets(Fetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /**
     * The key that verifies a token with this header.
     *
     * @throws KeyLookupException naming the kid and the JWKS URL when no key fits
     */
    public JWK select(String jwksUrl, JWSHeader header) throws KeyLookupException {
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            // Security Framework §6.3: the key is chosen by kid, never guessed (not even a single one)
            throw new KeyLookupException("the token header has no kid, so no key of the platform JWKS at " + jwksUrl
                    + " is chosen");
        }
        Instant now = clock.instant();
        Entry entry = cache.get(jwksUrl);
        if (entry == null || now.isAfter(entry.expires())) {
            entry = refresh(jwksUrl, now);
        }
        Optional<JWK> key = match(entry.keys(), header);
        String tried = jwksUrl + "\n" + header.getKeyID();
        if (key.isEmpty() && mayRefetch(entry, tried, now)) {
            // Security Framework §6.3: platforms rotate keys; an unknown kid means fetch again.
            entry = refresh(jwksUrl, now);
            key = match(entry.keys(), header);
            if (key.isEmpty()) {
                remember(tried, now);
            }
        }
        Instant fetchedAt = entry.fetchedAt();
        return key.orElseThrow(() -> new KeyLookupException("no key with kid '" + header.getKeyID()
                + "' and algorithm " + header.getAlgorithm() + " in the platform JWKS at " + jwksUrl
                + " (fetched " + fetchedAt + ")"));
    }

    /**
     * Whether an unknown kid may cause a fetch: not within the gap since this JWKS was last
     * fetched, and not if the same kid was looked for in a fetch within the minimum interval.
     */
    private boolean mayRefetch(Entry entry, String tried, Instant now) {
        Duration gap = MIN_FETCH_GAP.compareTo(minRefetchInterval) < 0 ? MIN_FETCH_GAP : minRefetchInterval;
        if (now.isBefore(entry.fetchedAt().plus(gap))) {
            return false;
        }
        Instant last = triedKids.get(tried);
        return last == null || !now.isBefore(last.plus(minRefetchInterval));
    }

    private void remember(String tried, Instant now) {
        if (triedKids.size() >= MAX_TRIED_KIDS) {
            triedKids.entrySet().removeIf(e -> !now.isBefore(e.getValue().plus(minRefetchInterval)));
            if (triedKids.size() >= MAX_TRIED_KIDS) {
                triedKids.clear();
            }
        }
        triedKids.put(tried, now);
    }

    /** Forget a cached JWKS, e.g. when an administrator changes the registration. */
    public void evict(String jwksUrl) {
        cache.remove(jwksUrl);
    }

    private Entry refresh(String jwksUrl, Instant now) throws KeyLookupException {
        Fetched fetched;
        try {
            fetched = fetcher.fetch(URI.create(jwksUrl));
        } catch (IOException | RuntimeException e) {
            Entry stale = cache.get(jwksUrl);
            if (stale != null) {
                // keep using what we had rather than failing every launch while the platform hiccups,
                // but do not try again for a minute
                Entry kept = new Entry(stale.keys(), now.plus(MIN_TTL), now);
                cache.put(jwksUrl, kept);
                return kept;
            }
            throw new KeyLookupException("could not fetch the platform JWKS at " + jwksUrl + ": " + e.getMessage());
        }
        JWKSet keys;
        try {
            keys = JWKSet.parse(fetched.body());
        } catch (ParseException e) {
            throw new KeyLookupException("the platform JWKS at " + jwksUrl + " is not a valid JWK Set: " + e.getMessage());
        }
        Entry entry = new Entry(keys, now.plus(ttl(fetched.cacheControl())), now);
        cache.put(jwksUrl, entry);
        return entry;
    }

    static Duration ttl(Optional<String> cacheControl) {
        if (cacheControl.isEmpty()) {
            return DEFAULT_TTL;
        }
        String value = cacheControl.get().toLowerCase();
        if (value.contains("no-store") || value.contains("no-cache")) {
            return MIN_TTL;
        }
        Matcher m = MAX_AGE.matcher(value);
        if (!m.find()) {
            return DEFAULT_TTL;
        }
        Duration d = Duration.ofSeconds(Long.parseLong(m.group(1)));
        if (d.compareTo(MIN_TTL) < 0) {
            return MIN_TTL;
        }
        return d.compareTo(MAX_TTL) > 0 ? MAX_TTL : d;
    }

    private static Optional<JWK> match(JWKSet keys, JWSHeader header) {
        JWKMatcher matcher = new JWKMatcher.Builder()
                .keyType(com.nimbusds.jose.jwk.KeyType.forAlgorithm(header.getAlgorithm()))
                .keyUses(KeyUse.SIGNATURE, null)
                .keyID(header.getKeyID())
                .build();
        return new JWKSelector(matcher).select(keys).stream().findFirst();
    }

    /** No key fits the token; the message says which kid and which JWKS. */
    public static class KeyLookupException extends Exception {
        public KeyLookupException(String message) {
            super(message);
        }
    }
}
