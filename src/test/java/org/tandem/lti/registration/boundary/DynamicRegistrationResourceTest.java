package org.tandem.lti.registration.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DynamicRegistrationResourceTest {

    @Test
    void productionFetchesPlatformConfigurationsOnlyFromPublicHttpsHosts() {
        assertThat(DynamicRegistrationResource.publicAddress("https://127.0.0.1/openid")).isFalse();
        assertThat(DynamicRegistrationResource.publicAddress("https://localhost/openid")).isFalse();
        assertThat(DynamicRegistrationResource.publicAddress("https://10.1.2.3/openid")).isFalse();
        assertThat(DynamicRegistrationResource.publicAddress("https://192.168.0.10/openid")).isFalse();
        assertThat(DynamicRegistrationResource.publicAddress("https://169.254.169.254/latest/meta-data")).isFalse();
        assertThat(DynamicRegistrationResource.publicAddress("https://[::1]/openid")).isFalse();
        assertThat(DynamicRegistrationResource.publicAddress("http://93.184.215.14/openid")).isFalse();
        assertThat(DynamicRegistrationResource.publicAddress("not a url")).isFalse();
        assertThat(DynamicRegistrationResource.publicAddress("https://93.184.215.14/mod/lti/openid-configuration.php")).isTrue();
    }
}
