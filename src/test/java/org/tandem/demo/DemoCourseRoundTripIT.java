package org.tandem.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.lti.testing.LtiBrowser.formOf;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
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
 * The "done when", as people do it on a fresh install: Sam (trainer) deep-links the
 * whole programme into the demo course; Alex and Priya complete the pre-programme assessment and
 * a module from the placed links; their results arrive in the demo gradebook through the demo's
 * token and AGS endpoints; Sam's view shows them sent. Then the "LMS" goes unavailable while Jamie
 * finishes: Sam sees the score pending with the LMS's 503, and once the LMS is back the score
 * arrives, once. Nothing here talks to Tandem other than through the demo's pages and Tandem's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoCourseRoundTripIT {

    private static final String PRE = "Working together – manager and clinician relationship (before the programme)";
    private static final String MODULE = "Money, risk and patient safety";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tandem();
    }

    @ArquillianResource
    URL base;

    /** Through localhost, as a person on this machine opens the demo (Arquillian reports the host's address). */
    private URL local() throws Exception {
        return new URL("http://localhost:" + base.getPort() + "/");
    }

    @Test
    void trainerPlacesTheProgrammeLearnersCompleteItAndTheDemoGradebookShowsTheirScores() throws Exception {
        // 1. Sam adds the programme bundle through deep linking
        Person sam = new Person(local());
        LtiBrowser.Response picker = sam.browser.get(sam.launchThroughDemo("demo/deep-links?as=trainer&return="
                + local() + "demo").location().orElseThrow().toString());
        assertThat(picker.status()).as("%s", picker).isEqualTo(200);
        assertThat(picker.body()).contains("id=\"item-programme\"");
        LtiBrowser.Response posting = sam.browser.postForm("place", formOf("s", sam.token, "pack", "starter",
                "item", "programme", "assessments", "completion", "version", "latest"));
        assertThat(posting.status()).as("%s", posting).isEqualTo(200);
        Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]*)\"").matcher(posting.body());
        assertThat(action.find()).isTrue();
        assertThat(action.group(1)).isEqualTo(local() + "demo/deep-links/return");
        LtiBrowser.Response returned = sam.browser.postForm(action.group(1), formOf("JWT", field(posting.body(), "JWT")));
        assertThat(returned.status()).as("%s", returned).isIn(200, 303);

        String course = sam.browser.get("demo?as=manager").body();
        assertThat(course).contains("id=\"link-placed-1\"").contains("id=\"link-placed-9\"")
                .doesNotContain("id=\"link-placed-10\"");
        assertThat(placedTitle(course, 1)).isEqualTo(PRE);
        assertThat(placedTitle(course, 2)).isEqualTo(MODULE);
        assertThat(placedTitle(course, 9)).contains("(after the programme)");
        String gradebook = sam.browser.get("demo/gradebook").body();
        assertThat(gradebook).contains(PRE).contains(MODULE).contains("0 scores have arrived");

        // 2. Alex and Priya complete the pre-programme assessment and the module from the placed links
        for (String who : new String[] {"manager", "clinician"}) {
            Person learner = new Person(local());
            learner.submitAssessment(learner.launchThroughDemo(placed(who, 1)));
            learner.completeModule(Person.starterModule("money-risk-safety"), learner.launchThroughDemo(placed(who, 2)));
        }
        String filled = until("demo/gradebook", sam, page -> cell(page, "Alex Morgan", PRE).contains("100 / 100")
                && cell(page, "Dr Priya Shah", PRE).contains("100 / 100")
                && cell(page, "Alex Morgan", MODULE).contains("/ 100") && cell(page, "Dr Priya Shah", MODULE).contains("/ 100"));
        assertThat(cell(filled, "Alex Morgan", PRE)).contains("Completed, FullyGraded").contains("1 score received");
        assertThat(cell(filled, "Jamie Clarke", PRE)).contains("No score");
        assertThat(filled).contains("4 scores have arrived");

        // 3. Sam opens the placed assessment link: Tandem shows its learners and their grade sync first
        Person trainer = new Person(local());
        LtiBrowser.Response landed = trainer.launchThroughDemo(placed("trainer", 1));
        assertThat(landed.location().orElseThrow().getPath()).isEqualTo("/grades");
        String grades = trainer.page("grades");
        assertThat(grades).contains("id=\"opened-link\"").contains("id=\"preview\"");
        assertThat(firstColumnTitle(grades)).isEqualTo(PRE);
        assertThat(syncOf(grades, PRE, "demo-manager")).isEqualTo("sent");
        assertThat(syncOf(grades, PRE, "demo-clinician")).isEqualTo("sent");
        assertThat(syncOf(grades, MODULE, "demo-manager")).isEqualTo("sent");

        // 4. The LMS goes unavailable while Jamie finishes: the score waits, Sam sees why, then it arrives once
        String switchPage = sam.browser.get("demo/gradebook").body();
        LtiBrowser.Response off = sam.browser.postForm("demo/gradebook/availability",
                formOf("unavailable", "true", "form_token", field(switchPage, "form_token")));
        assertThat(off.status()).as("%s", off).isEqualTo(303);
        Person jamie = new Person(local());
        jamie.submitAssessment(jamie.launchThroughDemo(placed("manager-2", 1)));
        String waiting = until("grades", trainer, page -> syncText(page, PRE, "demo-manager-2").contains("503"));
        assertThat(syncOf(waiting, PRE, "demo-manager-2")).isEqualTo("pending");
        assertThat(syncText(waiting, PRE, "demo-manager-2")).contains("next try");
        assertThat(cell(sam.browser.get("demo/gradebook").body(), "Jamie Clarke", PRE)).contains("No score");

        LtiBrowser.Response on = sam.browser.postForm("demo/gradebook/availability",
                formOf("unavailable", "false", "form_token", field(switchPage, "form_token")));
        assertThat(on.status()).isEqualTo(303);
        String caughtUp = until("demo/gradebook", sam, page -> cell(page, "Jamie Clarke", PRE).contains("100 / 100"));
        assertThat(cell(caughtUp, "Jamie Clarke", PRE)).contains("1 score received");
        assertThat(until("grades", trainer, page -> "sent".equals(syncOf(page, PRE, "demo-manager-2")))).isNotEmpty();
    }

    private String placed(String who, int n) throws Exception {
        return "demo/launch?as=" + who + "&link=placed-" + n + "&return=" + local() + "demo";
    }

    /** Reads the page (a demo page, or a Tandem page with the person's launch token) until it shows what is awaited. */
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

    private static String placedTitle(String course, int n) {
        Matcher m = Pattern.compile("id=\"link-placed-" + n + "\"[^>]*>([^<]*)<").matcher(course);
        assertThat(m.find()).as("placed link " + n).isTrue();
        return m.group(1).replace("&#39;", "'").replace("&amp;", "&").trim();
    }

    /** The demo gradebook cell of a learner (by name) in a column (by label). */
    private static String cell(String gradebook, String learner, String column) {
        Matcher header = Pattern.compile("<th scope=\"col\" id=\"column-(\\d+)\">" + Pattern.quote(column) + "<").matcher(gradebook);
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

    private static String firstColumnTitle(String grades) {
        Matcher m = Pattern.compile("<h2 id=\"column-\\d+-title\">([^<]*)</h2>").matcher(grades);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** A learner's row in the trainer's grade view, in the section of the column with this title. */
    private static String row(String grades, String column, String subject) {
        int section = grades.indexOf("-title\">" + column + "</h2>");
        if (section < 0) {
            return "";
        }
        int end = grades.indexOf("</section>", section);
        Matcher m = Pattern.compile("<tr data-learner=\"" + Pattern.quote(subject) + "\" data-sync=\"([a-z]+)\">(.*?)</tr>")
                .matcher(grades.substring(section, end));
        return m.find() ? m.group(1) + "|" + m.group(2) : "";
    }

    private static String syncOf(String grades, String column, String subject) {
        String row = row(grades, column, subject);
        return row.isEmpty() ? "" : row.substring(0, row.indexOf('|'));
    }

    private static String syncText(String grades, String column, String subject) {
        String row = row(grades, column, subject);
        return row.isEmpty() ? "" : row.substring(row.indexOf('|') + 1);
    }
}
