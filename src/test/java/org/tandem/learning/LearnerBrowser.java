package org.tandem.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One person's browser on the demo course: launches a course link through the real LTI flow
 * (login initiation, the demo platform's authorization endpoint, the signed id_token, the launch
 * checks) and then follows Tandem's learning pages as a browser without JavaScript would.
 * Redirects are followed by hand so a test sees each status; cookies are kept by hand because the
 * state cookie is Secure and Java's CookieManager drops it on plain http.
 */
final class LearnerBrowser {

    private final URL base;
    private final String person;
    /** What this person answers when Tandem asks for evaluation consent: "yes" or "no". */
    private final String consent;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    LearnerBrowser(URL base, String person, String consent) {
        this.base = base;
        this.person = person;
        this.consent = consent;
    }

    /** A page as the browser received it. */
    record Page(int status, URI uri, String body, HttpResponse<String> response) {

        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        String location() {
            return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header: " + this));
        }

        /** The value of a form field (the first one of that name). */
        String field(String name) {
            Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(body);
            assertThat(m.find()).as("form field " + name + " on " + uri + "\n" + body).isTrue();
            return unescape(m.group(1));
        }

        /** Every value of a form field, e.g. all choices of a scene. */
        List<String> fields(String name) {
            Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(body);
            List<String> values = new ArrayList<>();
            while (m.find()) {
                values.add(unescape(m.group(1)));
            }
            return values;
        }

        /** The first group of a pattern found in the body. */
        String find(String regex) {
            Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(body);
            assertThat(m.find()).as("/" + regex + "/ on " + uri + "\n" + body).isTrue();
            return unescape(m.group(1));
        }

        /** The launch token the page carries. */
        String token() {
            return field("s");
        }

        @Override
        public String toString() {
            return status + " " + uri + "\n" + body;
        }
    }

    static String unescape(String s) {
        return s.replace("&#61;", "=").replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Through localhost, as a person on this machine would (Arquillian reports the host's own address). */
    URI uri(String path) {
        return URI.create("http://localhost:" + base.getPort() + "/").resolve(path);
    }

    private Page send(HttpRequest.Builder request) throws Exception {
        if (!cookies.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            cookies.forEach((k, v) -> pairs.add(k + "=" + v));
            request.header("Cookie", String.join("; ", pairs));
        }
        HttpRequest built = request.build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String value = pair.substring(eq + 1);
            if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
                cookies.remove(pair.substring(0, eq));
            } else {
                cookies.put(pair.substring(0, eq), value);
            }
        }
        return new Page(response.statusCode(), built.uri(), response.body(), response);
    }

    Page get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Page get(URI uri) throws Exception {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /** Posts a form as a browser does (field order kept; repeated names allowed as "name" → list). */
    Page post(String path, Map<String, ?> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> {
            List<?> values = value instanceof List<?> l ? l : List.of(value);
            for (Object v : values) {
                body.append(body.length() == 0 ? "" : "&").append(enc(name)).append('=').append(enc(String.valueOf(v)));
            }
        });
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Follows 302/303 redirects on Tandem's own host, as a browser does. */
    Page follow(Page page) throws Exception {
        Page current = page;
        for (int hops = 0; (current.status() == 302 || current.status() == 303) && hops < 10; hops++) {
            URI next = current.uri().resolve(current.location());
            assertThat(next.getHost()).as("redirects stay on Tandem").isEqualTo("localhost");
            current = get(next);
        }
        return current;
    }

    /**
     * Launches a course link of the demo course as this person; returns the first page Tandem
     * answers after the launch, before any redirect of its own (a 303 to /learn or /app/home).
     */
    Page launchOnly(String link) throws Exception {
        Page course = get("demo");
        assertThat(course.status()).as(course.toString()).isEqualTo(200);

        Page start = get("demo/launch?as=" + enc(person) + "&link=" + enc(link));
        assertThat(start.status()).as(start.toString()).isEqualTo(302);
        Page login = get(URI.create(start.location()));
        URI auth = next(login);
        assertThat(auth.getPath()).isEqualTo("/demo/auth");

        Page authorized = get(auth);
        assertThat(authorized.status()).as(authorized.toString()).isEqualTo(200);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("id_token", authorized.field("id_token"));
        form.put("state", authorized.field("state"));
        Page launched = post("lti/launch", form);
        assertThat(launched.status()).as("the launch is accepted\n" + launched).isEqualTo(303);
        return launched;
    }

    /** Where a login initiation sends the browser: a redirect, or the platform-storage page's next step. */
    private static URI next(Page login) {
        if (login.status() == 302) {
            return URI.create(login.location());
        }
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return URI.create(login.find("data-next=\"([^\"]*)\""));
    }

    /**
     * Launches an activity link and follows Tandem to the activity page, answering the profile
     * questions on the way if they are asked (with this person's consent, and "other" as the
     * group should the course not send one).
     */
    Page launch(String link) throws Exception {
        Page launched = launchOnly(link);
        URI learn = launched.uri().resolve(launched.location());
        assertThat(learn.getPath()).as("an activity link lands on the learning entry").isEqualTo("/learn");
        assertThat(learn.getQuery()).startsWith("s=");
        Page routed = get(learn);
        assertThat(routed.status()).as("/learn routes to the activity\n" + routed).isEqualTo(303);
        Page page = get(routed.uri().resolve(routed.location()));
        if (page.status() == 303 && page.location().contains("/learn/profile")) {
            Page profile = get(page.uri().resolve(page.location()));
            assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("s", profile.token());
            answer.put("next", profile.field("next"));
            if (profile.body().contains("name=\"group\"")) {
                answer.put("group", "other");
            }
            answer.put("consent", consent);
            Page answered = post("learn/profile", answer);
            assertThat(answered.status()).as(answered.toString()).isEqualTo(303);
            page = get(answered.uri().resolve(answered.location()));
        }
        page = follow(page);
        assertThat(page.status()).as("the activity page\n" + page).isEqualTo(200);
        return page;
    }
}
