package org.tandem.lti.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.tandem.lti.testing.TestPlatform;

/**
 * Browsers for the load: one JDK HttpClient (HTTP/1.1, kept-alive connections, redirects never
 * followed) shared by every virtual user, and per visit the cookies a browser would hold. Every
 * request is timed under its kind; an unexpected answer is counted as an error by kind, HTTP
 * status and the page's heading, and ends the visit.
 */
final class LoadClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern RADIO = Pattern.compile("name=\"((?:item|then):[^\"]+|outlook)\" value=\"(\\d+)\"");
    private static final Pattern FIELD = Pattern.compile("name=\"(attempt|next)\" value=\"([^\"]*)\"");
    static final String ASSESSMENT = "assessment requests";

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    LoadClient(URI base) {
        this.base = base;
    }

    Visit visit(Recorder recorder) {
        return new Visit(recorder);
    }

    /** One person's browser for one launch and what follows it. */
    final class Visit {
        private final Recorder recorder;
        private final Map<String, String> cookies = new LinkedHashMap<>();
        private String token;

        private Visit(Recorder recorder) {
            this.recorder = recorder;
        }

        /**
         * A full launch: login initiation (a form POST with a JSON message hint, as Moodle sends
         * it), the platform's authorization step, the id_token form_post and the landing page.
         * Returns the landing page's address, or null when something failed (counted).
         */
        URI launch(TestPlatform platform, String subject, String course, String link, Map<String, String> custom,
                   Map<String, Object> ags) {
            long start = System.nanoTime();
            Map<String, String> login = new LinkedHashMap<>();
            login.put("iss", platform.issuer());
            login.put("target_link_uri", base.resolve("lti/launch").toString());
            login.put("login_hint", subject);
            login.put("lti_message_hint", "{\"cmid\":" + Math.abs(link.hashCode() % 1000) + ",\"launchid\":\"ltilaunch_" + subject + "\"}");
            login.put("client_id", platform.clientId());
            login.put("lti_deployment_id", platform.deploymentId());
            HttpResponse<String> initiated = post("login", "lti/login", login, 302);
            if (initiated == null) {
                return null;
            }
            Map<String, String> auth = query(URI.create(initiated.headers().firstValue("Location").orElse("")).getRawQuery());

            long signing = System.nanoTime();
            String idToken = platform.idToken(auth.get("nonce")).targetLinkUri(auth.get("redirect_uri")).subject(subject)
                    .person("Learner", subject.substring(subject.lastIndexOf('-') + 1), subject + "@example.org")
                    .roles(TestPlatform.ROLE_LEARNER).context(course, course.toUpperCase(java.util.Locale.ROOT), "Course " + course)
                    .resourceLink(link, "Tandem " + link).custom(custom).claim(TestPlatform.AGS_ENDPOINT, ags)
                    .launchPresentation("iframe", platform.origin() + "/mod/lti/return.php?course=" + course, "en")
                    .build();
            recorder.time("platform auth step", (System.nanoTime() - signing) / 1000);

            HttpResponse<String> launched = post("launch (id_token)", "lti/launch", Map.of("id_token", idToken, "state",
                    auth.get("state")), 303);
            if (launched == null) {
                return null;
            }
            URI landing = base.resolve(launched.headers().firstValue("Location").orElse(""));
            token = query(landing.getRawQuery()).get("s");
            HttpResponse<String> page = get("landing page", landing, 200, 303);
            if (page == null) {
                return null;
            }
            recorder.time("full launch", (System.nanoTime() - start) / 1000);
            return page.statusCode() == 303 ? base.resolve(page.headers().firstValue("Location").orElse("")) : landing;
        }

        /** From the launch's redirect on: the profile's consent question, the form, an autosave per answer, submit. */
        boolean assessment(URI next) {
            HttpResponse<String> page = follow(next);
            if (page == null) {
                return false;
            }
            if (page.uri().getPath().endsWith("/learn/profile")) {
                Map<String, String> answer = new LinkedHashMap<>();
                answer.put("s", token);
                answer.put("next", fields(page.body()).getOrDefault("next", "/learn"));
                answer.put("consent", "yes");
                HttpResponse<String> answered = post("a: profile answer", "learn/profile", answer, 303);
                if (answered == null || (page = follow(base.resolve(answered.headers().firstValue("Location").orElse("")))) == null) {
                    return false;
                }
            }
            String attempt = fields(page.body()).get("attempt");
            Map<String, String> choices = new LinkedHashMap<>();
            Matcher radios = RADIO.matcher(page.body());
            while (radios.find()) {
                choices.putIfAbsent(radios.group(1), radios.group(2));
            }
            if (attempt == null || choices.isEmpty()) {
                recorder.error("a: assessment page: no form in " + LaunchLoadBenchmark.firstWords(page.body()));
                return false;
            }
            String instrument = page.uri().getPath().replaceFirst(".*/learn/assessment/", "");
            for (Map.Entry<String, String> choice : choices.entrySet()) {
                if (post("a: autosave answer", "learn/assessment/" + instrument + "/answer",
                        Map.of("s", token, "attempt", attempt, choice.getKey(), choice.getValue()), 204) == null) {
                    return false;
                }
            }
            Map<String, String> all = new LinkedHashMap<>(choices);
            all.put("s", token);
            all.put("attempt", attempt);
            HttpResponse<String> submitted = post("a: submit", "learn/assessment/" + instrument + "/submit", all, 303);
            if (submitted == null) {
                return false;
            }
            HttpResponse<String> result = get("a: result page", base.resolve(submitted.headers().firstValue("Location").orElse("")), 200);
            if (result == null) {
                return false;
            }
            if (!result.body().contains("Thank you")) {
                recorder.error("a: result page: not submitted: " + LaunchLoadBenchmark.firstWords(result.body()));
                return false;
            }
            return true;
        }

        /** GETs Tandem's redirects (at most five) to the page they lead to. */
        private HttpResponse<String> follow(URI next) {
            HttpResponse<String> page = null;
            URI at = next;
            for (int hop = 0; hop < 5; hop++) {
                String kind = at.getPath().endsWith("/learn/profile") ? "a: profile page"
                        : at.getPath().contains("/learn/assessment/") ? "a: assessment page" : "a: redirect";
                page = get(kind, at, 200, 303);
                if (page == null || page.statusCode() == 200) {
                    return page;
                }
                at = base.resolve(page.headers().firstValue("Location").orElse(""));
            }
            return page;
        }

        private HttpResponse<String> post(String kind, String path, Map<String, String> form, int... expected) {
            return send(kind, HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form))), expected);
        }

        private HttpResponse<String> get(String kind, URI uri, int... expected) {
            return send(kind, HttpRequest.newBuilder(uri).GET(), expected);
        }

        private HttpResponse<String> send(String kind, HttpRequest.Builder request, int... expected) {
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")));
            }
            long start = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                recorder.error(kind + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                recorder.error(kind + ": interrupted");
                return null;
            }
            long micros = (System.nanoTime() - start) / 1000;
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String[] nameValue = setCookie.split(";", 2)[0].split("=", 2);
                if (setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(nameValue[0].trim());
                } else if (nameValue.length == 2) {
                    cookies.put(nameValue[0].trim(), nameValue[1].trim());
                }
            }
            for (int status : expected) {
                if (response.statusCode() == status) {
                    recorder.time(kind, micros);
                    if (kind.startsWith("a: ")) {
                        recorder.time(ASSESSMENT, micros);
                    }
                    return response;
                }
            }
            recorder.error(kind + ": HTTP " + response.statusCode() + " " + LaunchLoadBenchmark.firstWords(response.body()));
            return null;
        }
    }

    private static Map<String, String> fields(String html) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(html);
        while (m.find()) {
            found.putIfAbsent(m.group(1), m.group(2).replace("&#x2f;", "/").replace("&#47;", "/").replace("&amp;", "&"));
        }
        return found;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : Optional.ofNullable(raw).orElse("").split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }
}
