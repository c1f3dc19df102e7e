package org.tandem.journey;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tandem.Deployments;
import org.tandem.lti.testing.LtiBrowser;
import org.tandem.lti.testing.Lms;
import org.tandem.lti.testing.Moodle44;

/**
 * The LMS journey with Moodle 4.4 as recorded (src/test/resources/platforms/moodle-4.4): form-POST
 * logins with a JSON lti_message_hint, 60 s id_tokens with full role URIs, the LTI 1.1 outcome
 * claim and a return URL with a session key; {@code ?type_id=10} on every service URL with scores
 * on the path before it; NRPS roles as short names; a registration token that works once, and a
 * tool type that starts pending with its id as the deployment id.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MoodleJourneyIT extends LmsJourney {

    @Deployment(testable = false)
    static WebArchive d() {
        return Deployments.tandem();
    }

    @Override
    Lms startLms() {
        return Moodle44.start();
    }

    private Moodle44 moodle() {
        return (Moodle44) lms;
    }

    @Override
    Lms.Link gradedLink() {
        return moodle().recordedActivity();
    }

    @Override
    Lms.Member learner() {
        return lms.member("Morgan Manager");
    }

    @Override
    Lms.Member trainer() {
        return lms.member("Terry Trainer");
    }

    @Override
    void assertRegistrationPage(LtiBrowser.Response page, JsonObject platform) {
        // Moodle adds the tool as pending; its administrator activates it under Manage tools
        assertThat(page.body()).contains("One more step in Moodle").contains("Manage tools").contains("Activate");
        assertThat(platform.getString("name")).isEqualTo("Moodle – localhost");
        assertThat(platform.getString("deployment_policy")).isEqualTo("STRICT");
        // registration-response.json: the deployment id is the tool type id
        assertThat(strings(platform.getJsonArray("deployment_ids"))).containsExactly("10");
        assertThat(platform.getString("auth_login_url")).isEqualTo(lms.origin() + "/mod/lti/auth.php");
        assertThat(platform.getString("token_url")).isEqualTo(lms.origin() + "/mod/lti/token.php");
    }

    @Test
    void registrationTokenWorksOnceAndForAnHourAndAFailedAttemptStoresNothing() {
        // the administrator reloads the registration frame: Moodle answers 401 token_already_used
        LtiBrowser.Response again = new LtiBrowser(base).get(registered.uri().toString());
        assertThat(again.status()).as("%s", again).isEqualTo(502);
        // what the platform answered goes to Tandem's log, never to the page: the page is anonymous
        assertThat(again.body()).contains("HTTP 401").doesNotContain("token_already_used")
                .contains("start the registration again from the LMS").contains("Nothing was stored");

        String stale = moodle().newRegistrationToken(Instant.now().minus(Duration.ofMinutes(61)));
        LtiBrowser.Response expired = new LtiBrowser(base).get(registered.uri().toString()
                .replaceAll("registration_token=[^&]*", "registration_token=" + stale));
        assertThat(expired.status()).as("%s", expired).isEqualTo(502);
        assertThat(expired.body()).contains("HTTP 401");

        assertThat(platforms().getValuesAs(JsonObject.class)).filteredOn(p -> lms.issuer().equals(p.getString("issuer")))
                .hasSize(1);
    }
}
