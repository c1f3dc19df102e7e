package org.tandem.paired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.lti.testing.LtiBrowser.formOf;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tandem.Deployments;
import org.tandem.gradebook.Person;
import org.tandem.lti.testing.LtiBrowser;

/**
 * A live paired scenario on the demo course, through real launches only: Sam places the case by
 * deep linking; Alex (manager) and Priya (clinician) open it before they are paired and wait; Sam
 * pairs them; each finds themselves in the other's seat with that seat's hidden facts; Priya's
 * event stream hears Alex arrive and every move; the rules refuse what they must (the wrong seat
 * deciding, an objection without a reason, a move on an overtaken page, a stranger); the debrief
 * shows both seats' facts and the objections with their reasons; both scores reach the demo gradebook.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PairedScenarioIT {

    private static final String CASE = "Four beds on the stroke unit";
    private static final String PAGE = "learn/paired/closing-beds";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tandem();
    }

    @ArquillianResource
    URL base;

    private URL local() throws Exception {
        return new URL("http://localhost:" + base.getPort() + "/");
    }

    @Test
    void aPairPlaysTheCaseTogetherLiveAndEachPartnersScoreArrives() throws Exception {
        // 1. Sam places the paired scenario through deep linking
        Person sam = new Person(local());
        LtiBrowser.Response picker = sam.browser.get(sam.launchThroughDemo("demo/deep-links?as=trainer&return="
                + local() + "demo").location().orElseThrow().toString());
        assertThat(picker.body()).contains("id=\"item-paired-closing-beds\"");
        LtiBrowser.Response posting = sam.browser.postForm("place", formOf("s", sam.token, "pack", "starter",
                "item", "paired:closing-beds", "assessments", "completion", "version", "latest"));
        assertThat(posting.status()).as("%s", posting).isEqualTo(200);
        Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]*)\"").matcher(posting.body());
        assertThat(action.find()).isTrue();
        assertThat(sam.browser.postForm(action.group(1), formOf("JWT", field(posting.body(), "JWT"))).status()).isIn(200, 303);
        assertThat(sam.browser.get("demo?as=manager").body()).contains("id=\"link-placed-1\"");

        // 2. Alex and Priya open it before there are pairs: they wait (or could play alone)
        Person alex = new Person(local());
        assertThat(alex.open(alex.launchThroughDemo(placed("manager")))).contains("id=\"waiting\"").contains("id=\"play-solo\"");
        Person priya = new Person(local());
        assertThat(priya.open(priya.launchThroughDemo(placed("clinician")))).contains("id=\"waiting\"");

        // 3. Sam pairs the course's learners
        until("roster", sam, page -> section(page, "group-manager").contains("Alex Morgan")
                && section(page, "group-clinician").contains("Dr Priya Shah"));
        String roster = sam.page("roster");
        LtiBrowser.Response paired = sam.browser.postForm("roster/pairs/automatic", formOf("s", sam.token,
                "version", field(roster, "version")));
        assertThat(paired.status()).as("%s", paired).isEqualTo(303);
        assertThat(sam.page("roster")).containsPattern("data-pair=\"1\">.*Alex Morgan.*Dr Priya Shah");

        // 4. Each in the other's seat, with that seat's briefing and hidden facts only
        String alexPage = alex.page(PAGE);
        assertThat(alexPage).contains("You are in the clinician&#39;s seat")
                .contains("A nurse on leave told you she would work Saturday").doesNotContain("neighbouring hospital")
                .contains("Dr Priya Shah is not here");
        String priyaPage = priya.page(PAGE);
        assertThat(priyaPage).contains("You are in the manager&#39;s seat").contains("neighbouring hospital")
                .doesNotContain("A nurse on leave").contains("src=\"/assets/paired.js\"");
        String session = field(priyaPage, "session");
        assertThat(field(alexPage, "session")).isEqualTo(session);

        // 5. Priya's page listens; Alex's page listens too, and Priya hears he is here
        BlockingQueue<String> priyaHears = listen(priyaPage);
        BlockingQueue<String> alexHears = listen(alexPage);
        awaitEvent(priyaHears, "presence", "demo-manager");
        assertThat(live(priya, session)).contains("Alex Morgan is here");

        // 6. Staffing belongs to the clinician's seat (Alex): Alex proposes, Priya objects, Alex decides
        move(alex, session, 0, "propose", "ask-own-team", "We know who can work", 303);
        awaitEvent(priyaHears, "changed", "1");
        assertThat(live(priya, session)).contains("Alex Morgan (the clinician&#39;s seat) proposes")
                .contains("id=\"agree\"").contains("id=\"object\"");
        assertThat(move(priya, session, 1, "decide", "agency-all", null, 409).body()).contains("belongs to the other seat");
        assertThat(move(priya, session, 1, "object", null, "   ", 400).body()).contains("An objection needs a reason");
        assertThat(move(priya, session, 0, "agree", null, null, 409).body()).contains("Your partner moved first");
        move(priya, session, 1, "object", null, "Asking round takes all afternoon", 303);
        awaitEvent(alexHears, "changed", "2");
        move(alex, session, 2, "decide", "ask-own-team", null, 303);
        move(priya, session, 3, "note", null, "Ring the neighbouring unit before noon", 303);

        // 7. The beds: Priya proposes, Alex agrees; the meeting: Priya overrules Alex's proposal after hearing him
        move(priya, session, 4, "propose", "move-fit-patients", null, 303);
        move(alex, session, 5, "agree", null, null, 303);
        move(alex, session, 6, "propose", "present-together", "The numbers and the safety case belong together", 303);
        move(priya, session, 7, "object", null, "The director wants one voice", 303);
        move(priya, session, 8, "decide", "manager-alone", null, 303);
        awaitEvent(alexHears, "changed", "9");

        // 8. The debrief, the same for both: both seats' facts, objections with reasons, how each was settled
        for (Person p : new Person[] {alex, priya}) {
            String debrief = p.page(PAGE);
            assertThat(debrief).contains("id=\"hidden-manager\"").contains("neighbouring hospital")
                    .contains("A nurse on leave").contains("Asking round takes all afternoon").contains("The director wants one voice")
                    .contains("decided by its owner after an objection").contains("both agreed")
                    .contains("Ring the neighbouring unit before noon").contains("78 %");
        }

        // 9. A stranger to the session gets nothing; both partners' scores arrive in the demo gradebook
        Person jamie = new Person(local());
        jamie.open(jamie.launchThroughDemo(placed("manager-2")));
        assertThat(jamie.browser.get(PAGE + "/live?s=" + jamie.token + "&session=" + session).status()).isEqualTo(404);
        String gradebook = until("demo/gradebook", sam, page -> cell(page, "Alex Morgan").contains("77.78 / 100")
                && cell(page, "Dr Priya Shah").contains("77.78 / 100"));
        assertThat(cell(gradebook, "Jamie Clarke")).contains("No score");
    }

    private String placed(String who) throws Exception {
        return "demo/launch?as=" + who + "&link=placed-1&return=" + local() + "demo";
    }

    private static LtiBrowser.Response move(Person p, String session, int moves, String action, String option, String text,
                                            int status) {
        java.util.Map<String, String> form = formOf("s", p.token, "session", session, "moves", String.valueOf(moves), "action", action);
        if (option != null) {
            form.put("option", option);
        }
        if (text != null) {
            form.put("text", text);
        }
        LtiBrowser.Response posted = p.browser.postForm(PAGE + "/move", form);
        assertThat(posted.status()).as("%s %s: %s", action, option, posted).isEqualTo(status);
        return posted;
    }

    private static String live(Person p, String session) {
        return p.page(PAGE + "/live?session=" + session);
    }

    /** Opens the page's event stream as its script does, collecting "event: name|data" pairs. */
    private BlockingQueue<String> listen(String page) throws Exception {
        Matcher events = Pattern.compile("data-events=\"([^\"]*)\"").matcher(page);
        assertThat(events.find()).isTrue();
        URI uri = local().toURI().resolve(events.group(1).replace("&amp;", "&"));
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        String[] name = {""};
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            response.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    heard.add(name[0] + "|" + line.substring(5).trim());
                }
            });
        });
        return heard;
    }

    private static void awaitEvent(BlockingQueue<String> heard, String name, String dataContains) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            String event = heard.poll(1, TimeUnit.SECONDS);
            if (event != null && event.startsWith(name + "|") && event.contains(dataContains)) {
                return;
            }
        }
        throw new AssertionError("no '" + name + "' event with " + dataContains + " within 20 s");
    }

    private static String until(String path, Person person, Predicate<String> shows) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String page;
        do {
            page = path.startsWith("demo") ? person.browser.get(path).body() : person.page(path);
            if (shows.test(page)) {
                return page;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("waited 60 s for " + path + " to show what the test expects; it shows:\n" + page);
    }

    private static String field(String body, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(body);
        assertThat(m.find()).as("form field " + name + " in\n" + body).isTrue();
        return m.group(1).replace("&#61;", "=").replace("&#43;", "+").replace("&#47;", "/").replace("&amp;", "&");
    }

    private static String section(String page, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">(.*?)</ul>", Pattern.DOTALL).matcher(page);
        return m.find() ? m.group(1) : "";
    }

    /** The demo gradebook cell of a learner in the paired scenario's column. */
    private static String cell(String gradebook, String learner) {
        Matcher header = Pattern.compile("<th scope=\"col\" id=\"column-(\\d+)\">" + Pattern.quote(CASE) + "<").matcher(gradebook);
        if (!header.find()) {
            return "";
        }
        int row = gradebook.indexOf("<th scope=\"row\">" + learner);
        if (row < 0) {
            return "";
        }
        Matcher cell = Pattern.compile("<td id=\"cell-" + header.group(1) + "-[^\"]*\">(.*?)</td>").matcher(gradebook);
        return cell.find(row) ? cell.group(1) : "";
    }
}
