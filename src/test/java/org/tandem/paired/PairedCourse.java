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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tandem.gradebook.Person;
import org.tandem.lti.testing.LtiBrowser;

/**
 * The demo course made ready for a paired scenario, as people do it: Sam (trainer) places the
 * starter case by deep linking, Alex (manager) and Priya (clinician) open it once (they are not
 * paired yet, so they wait), and Sam pairs the course's learners. Everything through real launches.
 */
final class PairedCourse {

    static final String CASE = "Four beds on the stroke unit";
    static final String PAGE = "learn/paired/closing-beds";

    final URL local;
    final Person sam;
    final Person alex;
    final Person priya;

    private PairedCourse(URL local, Person sam, Person alex, Person priya) {
        this.local = local;
        this.sam = sam;
        this.alex = alex;
        this.priya = priya;
    }

    static PairedCourse placeAndPair(URL local) {
        Person sam = new Person(local);
        LtiBrowser.Response picker = sam.browser.get(sam.launchThroughDemo("demo/deep-links?as=trainer&return="
                + local + "demo").location().orElseThrow().toString());
        assertThat(picker.body()).contains("id=\"item-paired-closing-beds\"");
        LtiBrowser.Response posting = sam.browser.postForm("place", formOf("s", sam.token, "pack", "starter",
                "item", "paired:closing-beds", "assessments", "completion", "version", "latest"));
        assertThat(posting.status()).as("%s", posting).isEqualTo(200);
        Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]*)\"").matcher(posting.body());
        assertThat(action.find()).isTrue();
        assertThat(sam.browser.postForm(action.group(1), formOf("JWT", field(posting.body(), "JWT"))).status()).isIn(200, 303);
        assertThat(sam.browser.get("demo?as=manager").body()).contains("id=\"link-placed-1\"");

        // before there are pairs, Alex and Priya wait (or could play alone)
        Person alex = new Person(local);
        assertThat(alex.open(alex.launchThroughDemo(placed(local, "manager")))).contains("id=\"waiting\"").contains("id=\"play-solo\"");
        Person priya = new Person(local);
        assertThat(priya.open(priya.launchThroughDemo(placed(local, "clinician")))).contains("id=\"waiting\"");

        until("roster", sam, page -> section(page, "group-manager").contains("Alex Morgan")
                && section(page, "group-clinician").contains("Dr Priya Shah"));
        LtiBrowser.Response paired = sam.browser.postForm("roster/pairs/automatic", formOf("s", sam.token,
                "version", field(sam.page("roster"), "version")));
        assertThat(paired.status()).as("%s", paired).isEqualTo(303);
        assertThat(sam.page("roster")).containsPattern("data-pair=\"1\">.*Alex Morgan.*Dr Priya Shah");
        return new PairedCourse(local, sam, alex, priya);
    }

    /** The demo's launch of the placed case as this demo person. */
    static String placed(URL local, String who) {
        return "demo/launch?as=" + who + "&link=placed-1&return=" + local + "demo";
    }

    /** The demo gradebook once both partners' scores show there. */
    String gradebookWithBothScores(String score) {
        return until("demo/gradebook", sam, page -> cell(page, "Alex Morgan").contains(score)
                && cell(page, "Dr Priya Shah").contains(score));
    }

    /** Opens a page's event stream as its script does, collecting "name|data" of every event. */
    static BlockingQueue<String> listen(URL base, String page) throws Exception {
        Matcher events = Pattern.compile("data-events=\"([^\"]*)\"").matcher(page);
        assertThat(events.find()).isTrue();
        URI uri = base.toURI().resolve(events.group(1).replace("&amp;", "&"));
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        String[] name = {""};
        HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
                    if (response.headers().firstValue("Content-Type").filter(v -> v.startsWith("text/event-stream")).isEmpty()) {
                        heard.add("wrong-type|" + response.headers().firstValue("Content-Type").orElse(""));
                    }
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

    /** Waits up to 20 s for an event of this name whose data contains this text. */
    static void awaitEvent(BlockingQueue<String> heard, String name, String dataContains) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            String event = heard.poll(1, TimeUnit.SECONDS);
            if (event != null && event.startsWith(name + "|") && event.contains(dataContains)) {
                return;
            }
        }
        throw new AssertionError("no '" + name + "' event with " + dataContains + " within 20 s");
    }

    static String until(String path, Person person, Predicate<String> shows) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String page;
        do {
            page = path.startsWith("demo") ? person.browser.get(path).body() : person.page(path);
            if (shows.test(page)) {
                return page;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("waited 60 s for " + path + " to show what the test expects; it shows:\n" + page);
    }

    static String field(String body, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(body);
        assertThat(m.find()).as("form field " + name + " in\n" + body).isTrue();
        return m.group(1).replace("&#61;", "=").replace("&#43;", "+").replace("&#47;", "/").replace("&amp;", "&");
    }

    private static String section(String page, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">(.*?)</ul>", Pattern.DOTALL).matcher(page);
        return m.find() ? m.group(1) : "";
    }

    /** The demo gradebook cell of a learner in the paired scenario's column. */
    static String cell(String gradebook, String learner) {
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
