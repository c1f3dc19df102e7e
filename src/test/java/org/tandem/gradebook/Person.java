package org.tandem.gradebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.lti.testing.LtiBrowser.formOf;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tandem.catalogue.control.PackReader;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Module;
import org.tandem.catalogue.entity.Section;
import org.tandem.lti.testing.AgsService;
import org.tandem.lti.testing.LtiBrowser;
import org.tandem.lti.testing.TestPlatform;

/**
 * One person's browser on a {@link TestPlatform}'s course, launching into Tandem through the real
 * LTI flow (login initiation, a signed id_token with the AGS and NRPS claims, the launch checks)
 * and working through Tandem's pages as a browser without JavaScript would.
 */
public final class Person {
    private static final ContentPack STARTER = new PackReader().readClasspath("content/starter");

    public final LtiBrowser browser;
    public final String subject = "user-" + UUID.randomUUID();
    public String token;
    /** When Tandem answered the request that completed the latest activity (its transaction had committed). */
    public volatile java.time.Instant completedAt;
    private final URL base;
    private final TestPlatform platform;
    private final AgsService ags;
    private final String context;
    private final String role;
    private final String group;

    /** A person of the demo platform's course: launches start at the demo's own buttons and links. */
    public Person(URL base) {
        this(base, null, null, null, null, null);
    }

    public Person(URL base, TestPlatform platform, AgsService ags, String context, String role, String group) {
        this.base = base;
        this.browser = new LtiBrowser(base);
        this.platform = platform;
        this.ags = ags;
        this.context = context;
        this.role = role;
        this.group = group;
    }

    private String tandem(String path) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return URI.create(root).resolve(path.startsWith("/") ? path.substring(1) : path).toString();
    }

    static String value(String body, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(body);
        assertThat(m.find()).as("field " + name + " in\n" + body).isTrue();
        return unescape(m.group(1));
    }

    static String unescape(String s) {
        return s.replace("&#61;", "=").replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private LtiBrowser.Response launch(UnaryOperator<TestPlatform.IdToken> claims) {
        LtiBrowser.Login login = browser.loginGet(formOf("iss", platform.issuer(), "login_hint", subject,
                "target_link_uri", tandem("/lti/launch"), "client_id", platform.clientId(),
                "lti_deployment_id", platform.deploymentId()));
        assertThat(login.status()).as("%s", login).isEqualTo(302);
        TestPlatform.IdToken token = platform.idToken(login.nonce()).targetLinkUri(tandem("/lti/launch"))
                .subject(subject).roles(role).context(context, "C1", "Course " + context)
                .namesAndRoleService();
        LtiBrowser.Response launched = browser.launch(claims.apply(token).build(), login.state());
        assertThat(launched.status()).as("%s", launched).isEqualTo(303);
        URI next = launched.location().orElseThrow();
        this.token = param(next, "s");
        return browser.get(next.toString());
    }

    /**
     * A launch started at one of the demo platform's URLs ({@code demo/launch?as=…}, {@code
     * demo/deep-links?as=trainer}): Tandem's login initiation, the demo's authorization endpoint and
     * its auto-posted id_token, as a browser follows them.
     */
    public LtiBrowser.Response launchThroughDemo(String start) {
        LtiBrowser.Response started = browser.get(start);
        assertThat(started.status()).as("%s", started).isEqualTo(302);
        LtiBrowser.Response login = browser.get(started.location().orElseThrow().toString());
        String auth;
        if (login.status() == 302) {
            auth = login.location().orElseThrow().toString();
        } else {
            Matcher next = Pattern.compile("data-next=\"([^\"]*)\"").matcher(login.body());
            assertThat(next.find()).as("%s", login).isTrue();
            auth = unescape(next.group(1));
        }
        LtiBrowser.Response authorized = browser.get(auth);
        assertThat(authorized.status()).as("%s", authorized).isEqualTo(200);
        LtiBrowser.Response launched = browser.launch(value(authorized.body(), "id_token"), value(authorized.body(), "state"));
        assertThat(launched.status()).as("%s", launched).isEqualTo(303);
        this.token = param(launched.location().orElseThrow(), "s");
        return launched;
    }

    public static Module starterModule(String id) {
        return STARTER.module(id).orElseThrow();
    }

    public LtiBrowser.Response launchDeepLinking(UnaryOperator<TestPlatform.IdToken> more) {
        return launch(t -> more.apply(t.deepLinking()));
    }

    public LtiBrowser.Response launchResourceLink(String link, String lineItem, Map<String, String> custom) {
        Map<String, String> all = new java.util.LinkedHashMap<>(custom);
        if (group != null) {
            all.put("tandem_group", group);
        }
        return launch(t -> t.resourceLink(link, "Link " + link).custom(all)
                .claim(TestPlatform.AGS_ENDPOINT, ags.claim(context, lineItem)));
    }

    /** Follows Tandem's redirects from the launch to the activity, answering the profile questions once. */
    public String open(LtiBrowser.Response first) {
        LtiBrowser.Response page = first;
        for (int hops = 0; page.status() == 303 && hops < 6; hops++) {
            URI next = page.uri().resolve(page.location().orElseThrow().toString());
            if (next.getPath().equals("/learn/profile")) {
                LtiBrowser.Response profile = browser.get(next.toString());
                Map<String, String> answers = formOf("s", token, "next", value(profile.body(), "next"), "consent", "yes");
                if (profile.body().contains("name=\"group\"")) {
                    // the LMS did not send the professional group (no tandem_group custom parameter)
                    answers.put("group", group == null ? "manager" : group);
                }
                LtiBrowser.Response answered = browser.postForm("learn/profile", answers);
                assertThat(answered.status()).as("%s", answered).isEqualTo(303);
                page = answered;
            } else {
                page = browser.get(next.toString());
            }
        }
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        return page.body();
    }

    public void completeModule(Module module, String link, String lineItem) {
        completeModule(module, link, lineItem, true);
    }

    /** Opens the module's link and completes it; with {@code rightAnswers} false every knowledge check is answered wrongly. */
    public void completeModule(Module module, String link, String lineItem, boolean rightAnswers) {
        String page = open(launchResourceLink(link, lineItem, Map.of("tandem_activity", "module:" + module.id())));
        walk(module, page, rightAnswers);
    }

    /** Works through the module a launch opened. */
    public void completeModule(Module module, LtiBrowser.Response launched) {
        walk(module, open(launched));
    }

    public void restartAndCompleteModule(Module module) {
        restartAndCompleteModule(module, true);
    }

    /** Plays the module again; with {@code rightAnswers} false every knowledge check is answered wrongly. */
    public void restartAndCompleteModule(Module module, boolean rightAnswers) {
        LtiBrowser.Response restarted = browser.postForm("learn/module/" + module.id() + "/restart", formOf("s", token));
        walk(module, open(restarted), rightAnswers);
    }

    /** Opens the module from Tandem's own list of activities (not from its placed course link) and completes it. */
    public void completeModuleFromTheList(Module module) {
        walk(module, open(browser.get("learn/module/" + module.id() + "?s=" + token)), true);
    }

    private void walk(Module module, String page) {
        walk(module, page, true);
    }

    private void walk(Module module, String page, boolean rightAnswers) {
        for (int i = 0; i < 40 && !page.contains("id=\"result\""); i++) {
            String action = value(page, "action");
            int step = Integer.parseInt(value(page, "step"));
            Section section = module.sections().get(step);
            Map<String, String> form = formOf("s", token, "attempt", value(page, "attempt"), "step", String.valueOf(step),
                    "action", action);
            if ("answer".equals(action)) {
                int correct = section.check().correct();
                form.put("option", String.valueOf(rightAnswers ? correct : (correct + 1) % section.check().options().size()));
            } else if ("reflect".equals(action)) {
                form.put("reflection", "what I learned");
            }
            LtiBrowser.Response answered = browser.postForm("learn/module/" + module.id(), form);
            completedAt = java.time.Instant.now();
            page = open(answered);
        }
        assertThat(page).contains("You have completed this module");
    }

    public void submitAssessment(String link, String lineItem, Map<String, String> custom) {
        submitAssessment(launchResourceLink(link, lineItem, custom));
    }

    /** Answers every item of the assessment a launch opened (the first option each time) and submits it. */
    public void submitAssessment(LtiBrowser.Response launched) {
        String page = open(launched);
        Map<String, String> form = formOf("s", token, "attempt", value(page, "attempt"));
        Matcher items = Pattern.compile("name=\"((?:item|then):[^\"]+)\" value=\"(\\d+)\"").matcher(page);
        while (items.find()) {
            form.putIfAbsent(items.group(1), items.group(2));
        }
        if (page.contains("name=\"outlook\"")) {
            form.put("outlook", "0");
        }
        LtiBrowser.Response submitted = browser.postForm("learn/assessment/relationship/submit", form);
        completedAt = java.time.Instant.now();
        assertThat(open(submitted)).contains("Thank you");
    }

    public String page(String path) {
        LtiBrowser.Response page = browser.get(path + (path.contains("?") ? "&" : "?") + "s=" + token);
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        return page.body();
    }

    /** Reads one query parameter of a URI. */
    static String param(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }
}
