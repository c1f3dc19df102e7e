package org.tandem.journey;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tandem.Deployments;
import org.tandem.lti.testing.Canvas;
import org.tandem.lti.testing.LtiBrowser;
import org.tandem.lti.testing.Lms;

/**
 * The LMS journey with Canvas as its public developer documentation describes it
 * (src/test/resources/platforms/canvas, whose README names the page behind each behaviour): a
 * shared issuer with a client_id per developer key, OIDC endpoints on another host, login
 * parameters with {@code lti_storage_target}, claims with {@code validation_context} and
 * {@code errors}, a deployment made at installation, {@code data} echoed in deep linking, scores
 * answered with a resultUrl and memberships in linked pages.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CanvasJourneyIT extends LmsJourney {

    @Deployment(testable = false)
    static WebArchive d() {
        return Deployments.tandem();
    }

    @Override
    Lms startLms() {
        return Canvas.start();
    }

    private Canvas canvas() {
        return (Canvas) lms;
    }

    @Override
    Lms.Link gradedLink() {
        return canvas().firstSteps();
    }

    @Override
    Lms.Member learner() {
        return lms.member("Mia Manager");
    }

    @Override
    Lms.Member trainer() {
        return lms.member("Tess Trainer");
    }

    @Override
    void assertRegistrationPage(LtiBrowser.Response page, JsonObject platform) {
        // Registration: Canvas answers with a client_id and no deployment; installing the key makes one,
        // which Tandem admits at its first launch
        assertThat(page.body()).contains("Next, in Canvas").contains("accepts it at the first launch");
        assertThat(platform.getString("name")).isEqualTo("Canvas – Test University");
        assertThat(platform.getString("deployment_policy")).isEqualTo("ADMIT_NEW");
        assertThat(platform.getJsonArray("deployment_ids")).isEmpty();
        // Launch Overview, Step 2: the authorization endpoint is on the OIDC host, not the issuer's
        assertThat(platform.getString("auth_login_url")).startsWith("http://127.0.0.1:").endsWith("/api/lti/authorize_redirect");
    }

    /** Launch Overview, Step 1: every hosted Canvas signs as one issuer; the developer key's client_id tells them apart. */
    @Test
    void twoInstitutionsShareTheIssuerAndClientIdTellsThemApart() {
        String first = lms.clientId();
        Visitor mia = new Visitor();
        mia.launch(lms.open(learner(), gradedLink()));

        canvas().account("Second University");
        LtiBrowser.Response second = new LtiBrowser(base).get(lms.registrationStart(tandem("lti/register")).toString());
        assertThat(second.status()).as("%s", second).isEqualTo(200);
        lms.enable();
        String other = lms.clientId();
        assertThat(other).isNotEqualTo(first);
        Visitor cal = new Visitor();
        cal.launch(lms.open(lms.member("Cal Clinician"), gradedLink()));

        JsonObject a = platform(first);
        JsonObject b = platform(other);
        assertThat(a.getJsonNumber("id")).isNotEqualTo(b.getJsonNumber("id"));
        assertThat(a.getString("name")).isEqualTo("Canvas – Test University");
        assertThat(b.getString("name")).isEqualTo("Canvas – Second University");
        assertThat(strings(a.getJsonArray("deployment_ids"))).containsExactly(latestLaunch(a.getJsonNumber("id").longValue())
                .getString("deployment_id"));
        assertThat(latestLaunch(b.getJsonNumber("id").longValue()).getString("subject")).isEqualTo(lms.member("Cal Clinician").userId());

        // a login naming the first key's client_id is the first institution's, whatever the shared issuer
        canvas().useKey(first);
        Lms.LoginStart start = lms.open(learner(), gradedLink());
        LtiBrowser.Login login = new Visitor().login(start);
        URI auth = URI.create(attribute(login.body(), "data-next=\"([^\"]*)\""));
        assertThat(LtiBrowser.AuthRequest.of(auth).clientId()).isEqualTo(first);
        assertThat(lms.refusals()).isEmpty();
    }

    /**
     * Launch Overview, "Launching without Cookies": with lti_storage_target the state goes to the
     * frame of that name on the OIDC auth origin (lti.put_data) and is read back at the launch
     * (lti.get_data), where lti_storage_target comes again.
     */
    @Test
    void launchWithoutCookiesUsesPlatformStorage() {
        Lms.LoginStart start = lms.open(learner(), gradedLink());
        Visitor blocked = new Visitor();
        LtiBrowser.Login login = blocked.login(start);
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        assertThat(attribute(login.body(), "data-mode=\"([^\"]*)\"")).isEqualTo("put");
        assertThat(attribute(login.body(), "data-target=\"([^\"]*)\"")).isEqualTo(Canvas.STORAGE_TARGET);
        String storageOrigin = attribute(login.body(), "data-origin=\"([^\"]*)\"");
        assertThat(storageOrigin).as("the OIDC auth origin, not the issuer's").isNotEqualTo(lms.origin())
                .isEqualTo(URI.create(platform(lms.clientId()).getString("auth_login_url")).resolve("/").toString()
                        .replaceAll("/$", ""));
        // what lti-storage.js puts in the platform's frame before it goes on
        Map<String, String> storage = Map.of("state_" + attribute(login.body(), "data-state=\"([^\"]*)\""),
                attribute(login.body(), "data-state=\"([^\"]*)\""));

        Map<String, String> form = blocked.authorize(login, start.field("lti_message_hint"));
        String action = form.remove("action");
        assertThat(form).containsEntry("lti_storage_target", Canvas.STORAGE_TARGET);
        LtiBrowser.Response check = blocked.person.browser.postFormWithoutCookies(action, form);
        assertThat(check.status()).as("%s", check).isEqualTo(200);
        assertThat(attribute(check.body(), "data-mode=\"([^\"]*)\"")).isEqualTo("get");
        String state = attribute(check.body(), "name=\"state\" value=\"([^\"]*)\"");

        // what lti-storage.js posts once lti.get_data answered
        Map<String, String> again = new LinkedHashMap<>();
        again.put("id_token", attribute(check.body(), "name=\"id_token\" value=\"([^\"]*)\""));
        again.put("state", state);
        again.put("lti_storage_state", storage.get("state_" + state));
        LtiBrowser.Response launched = blocked.person.browser.postFormWithoutCookies("lti/launch", again);
        assertThat(launched.status()).as("%s", launched).isEqualTo(303);
        assertThat(lms.refusals()).isEmpty();
    }
}
