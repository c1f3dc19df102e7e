package org.tandem.lti.nrps;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tandem.lti.LtiRole;
import org.tandem.lti.OutboundHttp;
import org.tandem.lti.ags.AccessTokenException;
import org.tandem.lti.ags.AccessTokens;
import org.tandem.lti.ags.AgsException;
import org.tandem.lti.ags.BearerCalls;
import org.tandem.lti.ags.TokenEndpoint;

/**
 * Reads a context's membership (NRPS 2.0) from the {@code context_memberships_url} a launch
 * offered. All pages are read before anything is returned, so a caller never acts on half a
 * roster: a page that fails or cannot be read fails the whole read with an {@link NrpsException}.
 */
@ApplicationScoped
public class Memberships {

    /** The scope NRPS 2.0 defines for reading a context's membership. */
    public static final String SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    /** NRPS 2.0, "Membership container media type": what Tandem asks for and reads. */
    public static final String MEDIA_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    /**
     * Canvas pages at 50 members and Moodle at its own size; 200 pages cover 10,000 members, far
     * more than a course Tandem trains in. Beyond that the pages are taken not to end.
     */
    static final int MAX_PAGES = 200;

    private static final List<String> SCOPES = List.of(SCOPE);

    private BearerCalls calls;
    private int maxPages = MAX_PAGES;

    protected Memberships() {
        // for CDI
    }

    @Inject
    public Memberships(AccessTokens tokens, OutboundHttp http) {
        this(tokens, http, MAX_PAGES);
    }

    /** With a lower page limit, for tests. */
    Memberships(AccessTokens tokens, OutboundHttp http, int maxPages) {
        this.calls = new BearerCalls(tokens, http);
        this.maxPages = maxPages;
    }

    /**
     * Every member of the context, following {@code Link: rel="next"} until the last page.
     *
     * @param tokenUrl       the platform's OAuth 2 token URL (from its registration)
     * @param clientId       Tandem's client_id at the platform
     * @param membershipsUrl the NRPS claim's {@code context_memberships_url}
     */
    public MembershipContainer fetch(URI tokenUrl, String clientId, URI membershipsUrl) throws NrpsException {
        Objects.requireNonNull(membershipsUrl, "membershipsUrl");
        TokenEndpoint endpoint = new TokenEndpoint(tokenUrl, clientId);
        Map<String, Member> members = new LinkedHashMap<>();
        Set<URI> read = new HashSet<>();
        Optional<String> contextId = Optional.empty();
        URI page = membershipsUrl;
        int pages = 0;
        while (page != null) {
            if (!read.add(page)) {
                throw new NrpsException(NrpsException.Failure.ENDLESS_PAGES, where(membershipsUrl) + "page " + (pages + 1)
                        + " links back to " + page + ", which was read already; the platform's paging is broken", false, 0, null);
            }
            if (pages == maxPages) {
                throw new NrpsException(NrpsException.Failure.ENDLESS_PAGES, where(membershipsUrl) + "the membership has more than "
                        + maxPages + " pages; Tandem stops there rather than page without end", false, 0, null);
            }
            HttpResponse<String> response = get(endpoint, page, membershipsUrl);
            pages++;
            JsonObject container = container(response, page, pages, membershipsUrl);
            if (contextId.isEmpty()) {
                contextId = contextId(container);
            }
            for (Member member : members(container, page, pages, membershipsUrl)) {
                members.putIfAbsent(member.userId(), member);
            }
            page = next(response, page, membershipsUrl).orElse(null);
        }
        return new MembershipContainer(membershipsUrl, contextId, new ArrayList<>(members.values()), pages);
    }

    private HttpResponse<String> get(TokenEndpoint endpoint, URI page, URI first) throws NrpsException {
        HttpResponse<String> response;
        try {
            response = calls.send(endpoint, SCOPES, page, request -> request.header("Accept", MEDIA_TYPE).GET());
        } catch (AccessTokenException e) {
            throw tokenFailure(e, first);
        } catch (AgsException e) {
            throw new NrpsException(NrpsException.Failure.UNREACHABLE, where(first) + e.getMessage()
                    + (e.retryable() ? "; the platform may be down, try again later" : ""), e.retryable(), e.status(), e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        String answer = "GET " + page + " answered HTTP " + status + " " + excerpt(response.body());
        if (status == 401 || status == 403) {
            // BearerCalls already retried a 401 once with a fresh token, so the token is not the problem
            throw new NrpsException(NrpsException.Failure.NOT_PERMITTED, where(first) + answer + "; the platform does not let"
                    + " Tandem read the course membership: enable Names and Role Provisioning Services for the tool in the"
                    + " platform (Moodle: the tool's 'IMS LTI Names and Role Provisioning' setting, 'Use this service to"
                    + " retrieve members' information'; Canvas: the developer key's names and roles scope)", false, status, null);
        }
        if (status == 404) {
            throw new NrpsException(NrpsException.Failure.PLATFORM_ERROR, where(first) + answer + "; the course's membership"
                    + " service is not there any more (course deleted, or the tool removed from it): open Tandem from the"
                    + " course again so it learns the current address", false, status, null);
        }
        boolean retryable = status == 408 || status == 429 || status >= 500;
        throw new NrpsException(NrpsException.Failure.PLATFORM_ERROR, where(first) + answer
                + (retryable ? "; the platform may be down or overloaded, try again later" : ""), retryable, status, null);
    }

    private static NrpsException tokenFailure(AccessTokenException e, URI first) {
        if (e.retryable()) {
            return new NrpsException(NrpsException.Failure.UNREACHABLE, where(first) + "no access token: " + e.getMessage(),
                    true, e.status(), e);
        }
        if ("invalid_scope".equals(e.error())) {
            return new NrpsException(NrpsException.Failure.NOT_PERMITTED, where(first) + "the token URL does not grant the"
                    + " scope " + SCOPE + " (answer: " + e.error() + "); enable Names and Role Provisioning Services for the"
                    + " tool in the platform", false, e.status(), e);
        }
        // AccessTokens names the likely cause (key or JWKS URL registered, client_id, token URL)
        return new NrpsException(NrpsException.Failure.TOKEN_REFUSED, where(first) + "no access token: " + e.getMessage(),
                false, e.status(), e);
    }

    private static JsonObject container(HttpResponse<String> response, URI page, int number, URI first) throws NrpsException {
        JsonValue body;
        try (JsonReader reader = Json.createReader(new StringReader(response.body() == null ? "" : response.body()))) {
            body = reader.readValue();
        } catch (JsonException e) {
            throw malformed(first, page, number, "is not JSON: " + excerpt(response.body()), e);
        }
        if (!(body instanceof JsonObject object)) {
            throw malformed(first, page, number, "is not a membership container (a JSON object)", null);
        }
        if (!(object.get("members") instanceof JsonArray)) {
            throw malformed(first, page, number, "has no \"members\" array", null);
        }
        return object;
    }

    private static Optional<String> contextId(JsonObject container) {
        if (container.get("context") instanceof JsonObject context && context.get("id") instanceof JsonString id
                && !id.getString().isBlank()) {
            return Optional.of(id.getString());
        }
        return Optional.empty();
    }

    private static List<Member> members(JsonObject container, URI page, int number, URI first) throws NrpsException {
        List<Member> members = new ArrayList<>();
        JsonArray array = container.getJsonArray("members");
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject member)) {
                throw malformed(first, page, number, "has a member " + (i + 1) + " that is not a JSON object", null);
            }
            members.add(member(member, i + 1, page, number, first));
        }
        return members;
    }

    /** NRPS 2.0 requires user_id and roles of every member; status defaults to Active. */
    private static Member member(JsonObject json, int index, URI page, int number, URI first) throws NrpsException {
        JsonValue id = json.get("user_id");
        // a number is not what the spec says, but it is an unambiguous id
        String userId = id instanceof JsonString s ? s.getString().trim() : id instanceof JsonNumber n ? n.toString() : "";
        if (userId.isEmpty()) {
            throw malformed(first, page, number, "has a member " + index + " without a user_id", null);
        }
        if (!(json.get("roles") instanceof JsonArray roleArray)) {
            throw malformed(first, page, number, "has member " + userId + " without a \"roles\" array", null);
        }
        Set<LtiRole> roles = new LinkedHashSet<>();
        for (JsonValue role : roleArray) {
            if (!(role instanceof JsonString s)) {
                throw malformed(first, page, number, "has member " + userId + " with a role that is not a string", null);
            }
            if (!s.getString().isBlank()) {
                roles.add(LtiRole.parse(s.getString()));
            }
        }
        Member.Status status = status(json.get("status"));
        if (status == null) {
            throw malformed(first, page, number, "has member " + userId + " with the status " + json.get("status")
                    + " (NRPS 2.0 knows Active, Inactive and Deleted)", null);
        }
        return new Member(userId, roles, status, text(json, "name"), text(json, "given_name"), text(json, "family_name"),
                text(json, "email"));
    }

    /** Active, Inactive or Deleted, in any case; LIS status URIs ("…/status#Active") are read too. Null: unknown. */
    private static Member.Status status(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return Member.Status.ACTIVE;
        }
        if (!(value instanceof JsonString s)) {
            return null;
        }
        String name = s.getString().trim();
        name = name.substring(Math.max(name.lastIndexOf('#'), name.lastIndexOf(':')) + 1).toLowerCase(Locale.ROOT);
        return switch (name) {
            case "active" -> Member.Status.ACTIVE;
            case "inactive" -> Member.Status.INACTIVE;
            case "deleted" -> Member.Status.DELETED;
            default -> null;
        };
    }

    private static Optional<String> text(JsonObject json, String name) {
        return json.get(name) instanceof JsonString s && !s.getString().isBlank() ? Optional.of(s.getString().trim())
                : Optional.empty();
    }

    /**
     * The next page, resolved against the current one. It must stay on the origin of the first
     * page: Tandem sends its access token with every page and never to another host.
     */
    private static Optional<URI> next(HttpResponse<String> response, URI page, URI first) throws NrpsException {
        Optional<String> link = LinkHeader.next(response.headers().allValues("Link"));
        if (link.isEmpty()) {
            return Optional.empty();
        }
        URI next;
        try {
            next = page.resolve(new URI(link.get()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new NrpsException(NrpsException.Failure.MALFORMED, where(first) + "the next-page link '" + link.get()
                    + "' after " + page + " is not a URL", false, response.statusCode(), e);
        }
        if (!origin(next).equals(origin(first))) {
            throw new NrpsException(NrpsException.Failure.MALFORMED, where(first) + "the next-page link after " + page
                    + " points to another site (" + origin(next) + "); Tandem does not send its access token there",
                    false, response.statusCode(), null);
        }
        return Optional.of(next);
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
    }

    private static NrpsException malformed(URI first, URI page, int number, String what, Throwable cause) {
        return new NrpsException(NrpsException.Failure.MALFORMED, where(first) + "page " + number + " (" + page + ") " + what,
                false, 200, cause);
    }

    private static String where(URI first) {
        return "Reading the course membership from " + first.getHost() + " failed: ";
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
