package org.tandem.lti.registration.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.tandem.lti.OutboundHttp;
import org.tandem.lti.ToolUrls;
import org.tandem.lti.registration.control.DynamicRegistration;

/** Who may start a dynamic registration; the platform is never reached in these tests. */
class DynamicRegistrationResourceTest {

    private static final String CONFIGURATION = "https://moodle.example.ac.uk/mod/lti/openid-configuration.php";

    private final List<String> fetched = new CopyOnWriteArrayList<>();

    private DynamicRegistrationResource resource(Optional<String> baseUrl, Optional<String> code, boolean open) {
        DynamicRegistrationResource resource = new DynamicRegistrationResource();
        resource.urls = new ToolUrls(baseUrl);
        resource.registrationCode = code;
        resource.registrationOpen = open;
        resource.uriInfo = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[]{UriInfo.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getBaseUri")) {
                        return URI.create("http://localhost:8080/");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        resource.registration = new DynamicRegistration(new OutboundHttp(), request -> {
            fetched.add(request.uri().toString());
            throw new IOException("no network in this test");
        });
        return resource;
    }

    private static final Optional<String> PRODUCTION = Optional.of("https://tandem.example.nhs.uk");

    @Test
    void productionRegistersNobodyWithoutARegistrationCode() {
        Response page = resource(PRODUCTION, Optional.empty(), false).register(CONFIGURATION, "token", null);

        assertThat(page.getStatus()).isEqualTo(403);
        assertThat(page.getEntity().toString()).contains("TANDEM_LTI_REGISTRATION_CODE");
        assertThat(fetched).as("nothing fetched").isEmpty();
    }

    @Test
    void productionWithACodeNeedsTheCode() {
        DynamicRegistrationResource resource = resource(PRODUCTION, Optional.of("s3cret-code"), false);

        assertThat(resource.register(CONFIGURATION, "token", null).getStatus()).isEqualTo(403);
        assertThat(resource.register(CONFIGURATION, "token", "wrong").getStatus()).isEqualTo(403);
        assertThat(fetched).isEmpty();
        assertThat(resource.register(CONFIGURATION, "token", "s3cret-code").getStatus()).as("the platform is unreachable here")
                .isEqualTo(502);
        assertThat(fetched).containsExactly(CONFIGURATION);
    }

    @Test
    void anAdministratorMayOpenRegistrationDeliberately() {
        resource(PRODUCTION, Optional.empty(), true).register(CONFIGURATION, "token", null);

        assertThat(fetched).containsExactly(CONFIGURATION);
    }

    @Test
    void aLocalRunRegistersWithoutACode() {
        resource(Optional.empty(), Optional.empty(), false).register(CONFIGURATION, "token", null);

        assertThat(fetched).containsExactly(CONFIGURATION);
    }
}
