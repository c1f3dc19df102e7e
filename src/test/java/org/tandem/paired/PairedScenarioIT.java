package org.tandem.paired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.lti.testing.LtiBrowser.formOf;

import java.net.URL;
import java.util.concurrent.BlockingQueue;
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

    private static final String PAGE = PairedCourse.PAGE;

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
        // 1-3. Sam places the case, Alex and Priya open it unpaired and wait, Sam pairs them
        PairedCourse course = PairedCourse.placeAndPair(local());
        Person alex = course.alex;
        Person priya = course.priya;

        // 4. Each in the other's seat, with that seat's briefing and hidden facts only
        String alexPage = alex.page(PAGE);
        assertThat(alexPage).contains("You are in the clinician&#39;s seat")
                .contains("A nurse on leave told you she would work Saturday").doesNotContain("neighbouring hospital")
                .contains("Dr Priya Shah is not here");
        String priyaPage = priya.page(PAGE);
        assertThat(priyaPage).contains("You are in the manager&#39;s seat").contains("neighbouring hospital")
                .doesNotContain("A nurse on leave").contains("src=\"/assets/paired.js\"");
        String session = PairedCourse.field(priyaPage, "session");
        assertThat(PairedCourse.field(alexPage, "session")).isEqualTo(session);

        // 5. Priya's page listens; Alex's page listens too, and Priya hears he is here
        BlockingQueue<String> priyaHears = PairedCourse.listen(local(), priyaPage);
        BlockingQueue<String> alexHears = PairedCourse.listen(local(), alexPage);
        PairedCourse.awaitEvent(priyaHears, "presence", "demo-manager");
        assertThat(live(priya, session)).contains("Alex Morgan is here");

        // 6. Staffing belongs to the clinician's seat (Alex): Alex proposes, Priya objects, Alex decides
        move(alex, session, 0, "propose", "ask-own-team", "We know who can work", 303);
        PairedCourse.awaitEvent(priyaHears, "changed", "1");
        assertThat(live(priya, session)).contains("Alex Morgan (the clinician&#39;s seat) proposes")
                .contains("id=\"agree\"").contains("id=\"object\"");
        assertThat(move(priya, session, 1, "decide", "agency-all", null, 409).body()).contains("belongs to the other seat");
        assertThat(move(priya, session, 1, "object", null, "   ", 400).body()).contains("An objection needs a reason");
        assertThat(move(priya, session, 0, "agree", null, null, 409).body()).contains("Your partner moved first");
        move(priya, session, 1, "object", null, "Asking round takes all afternoon", 303);
        PairedCourse.awaitEvent(alexHears, "changed", "2");
        move(alex, session, 2, "decide", "ask-own-team", null, 303);
        move(priya, session, 3, "note", null, "Ring the neighbouring unit before noon", 303);

        // 7. The beds: Priya proposes, Alex agrees; the meeting: Priya overrules Alex's proposal after hearing him
        move(priya, session, 4, "propose", "move-fit-patients", null, 303);
        move(alex, session, 5, "agree", null, null, 303);
        move(alex, session, 6, "propose", "present-together", "The numbers and the safety case belong together", 303);
        move(priya, session, 7, "object", null, "The director wants one voice", 303);
        move(priya, session, 8, "decide", "manager-alone", null, 303);
        PairedCourse.awaitEvent(alexHears, "changed", "9");

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
        jamie.open(jamie.launchThroughDemo(PairedCourse.placed(local(), "manager-2")));
        assertThat(jamie.browser.get(PAGE + "/live?s=" + jamie.token + "&session=" + session).status()).isEqualTo(404);
        assertThat(PairedCourse.cell(course.gradebookWithBothScores("77.78 / 100"), "Jamie Clarke")).contains("No score");
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

}
