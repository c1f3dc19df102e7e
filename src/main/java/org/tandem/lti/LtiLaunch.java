package org.tandem.lti;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A verified LTI 1.3 launch: every claim has passed the checks of the Security Framework and
 * LTI Core before an instance exists. Immutable; the rest of Tandem reads launches only through it.
 */
public record LtiLaunch(
        Tenant tenant,
        MessageType messageType,
        String targetLinkUri,
        User user,
        Optional<Context> context,
        Optional<ResourceLink> resourceLink,
        Set<LtiRole> roles,
        Map<String, String> custom,
        Optional<Ags> ags,
        Optional<Nrps> nrps,
        Optional<DeepLinkingSettings> deepLinking,
        Optional<Presentation> presentation) {

    /**
     * Longest id a launch carries (sub, deployment, context and resource link ids): LTI Core 1.3
     * §5.3.3, §5.3.5, §5.4.1 and OpenID Connect's sub say at most 255 characters.
     */
    public static final int MAX_ID = 255;
    /** Longest name, e-mail, title or label a launch carries; longer ones are shortened. */
    public static final int MAX_TEXT = 512;
    /** Longest service URL (line item, line items, memberships, deep-linking return) a launch carries. */
    public static final int MAX_URL = 2000;
    /** Longest deep-linking settings, as {@link DeepLinkingSettings#toJson()} writes them. */
    public static final int MAX_SETTINGS_JSON = 8000;

    /** Platform + deployment: the tenant every query is scoped by (contexts live inside it). */
    public record Tenant(long platformId, String issuer, String clientId, String deploymentId) {
    }

    public record User(String subject, Optional<String> name, Optional<String> givenName,
                       Optional<String> familyName, Optional<String> email) {

        /** The best name a page can show: name, else given + family, else the subject; at most {@link #MAX_TEXT} long. */
        public String displayName() {
            if (name.isPresent() && !name.get().isBlank()) {
                return name.get();
            }
            String joined = (givenName.orElse("") + " " + familyName.orElse("")).trim();
            String shown = joined.isEmpty() ? subject : joined;
            return shown.length() > MAX_TEXT ? shown.substring(0, MAX_TEXT) : shown;
        }
    }

    public record Context(String id, Optional<String> label, Optional<String> title, List<String> types) {
    }

    public record ResourceLink(String id, Optional<String> title, Optional<String> description) {
    }

    /** Assignment and Grade Services endpoint claim (AGS 2.0 §3.1). */
    public record Ags(List<String> scopes, Optional<String> lineItems, Optional<String> lineItem) {
    }

    /** Names and Role Provisioning Services claim (NRPS 2.0 §3.6.1). */
    public record Nrps(String contextMembershipsUrl, List<String> serviceVersions) {
    }

    /** Deep Linking settings claim (Deep Linking 2.0 §4.4.1). */
    public record DeepLinkingSettings(String returnUrl, List<String> acceptTypes,
                                      List<String> acceptPresentationDocumentTargets,
                                      Optional<String> acceptMediaTypes, boolean acceptMultiple,
                                      boolean autoCreate, Optional<String> title, Optional<String> text,
                                      Optional<String> data) {

        /** The settings as JSON, for a session that answers the request later ({@link #fromJson}). */
        public String toJson() {
            jakarta.json.JsonObjectBuilder json = jakarta.json.Json.createObjectBuilder()
                    .add("deep_link_return_url", returnUrl)
                    .add("accept_types", jakarta.json.Json.createArrayBuilder(acceptTypes))
                    .add("accept_presentation_document_targets",
                            jakarta.json.Json.createArrayBuilder(acceptPresentationDocumentTargets))
                    .add("accept_multiple", acceptMultiple)
                    .add("auto_create", autoCreate);
            acceptMediaTypes.ifPresent(v -> json.add("accept_media_types", v));
            title.ifPresent(v -> json.add("title", v));
            text.ifPresent(v -> json.add("text", v));
            data.ifPresent(v -> json.add("data", v));
            return json.build().toString();
        }

        /** Reads what {@link #toJson} wrote. */
        public static DeepLinkingSettings fromJson(String json) {
            try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
                jakarta.json.JsonObject o = reader.readObject();
                return new DeepLinkingSettings(o.getString("deep_link_return_url"), strings(o, "accept_types"),
                        strings(o, "accept_presentation_document_targets"),
                        Optional.ofNullable(o.getString("accept_media_types", null)), o.getBoolean("accept_multiple", false),
                        o.getBoolean("auto_create", false), Optional.ofNullable(o.getString("title", null)),
                        Optional.ofNullable(o.getString("text", null)), Optional.ofNullable(o.getString("data", null)));
            }
        }

        private static List<String> strings(jakarta.json.JsonObject o, String name) {
            jakarta.json.JsonArray array = o.getJsonArray(name);
            return array == null ? List.of() : array.getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).toList();
        }

        /** Whether the platform takes ltiResourceLink items here (Deep Linking 2.0, accept_types). */
        public boolean acceptsResourceLinks() {
            return acceptTypes.contains("ltiResourceLink");
        }
    }

    public record Presentation(Optional<String> documentTarget, Optional<String> returnUrl,
                               Optional<String> locale) {
    }

    public boolean hasContextRole(String roleName) {
        return roles.stream().anyMatch(r -> r.isContext(roleName));
    }
}
