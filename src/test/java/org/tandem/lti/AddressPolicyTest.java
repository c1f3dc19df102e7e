package org.tandem.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    /** Names of this test, resolved without DNS. */
    private static final Map<String, String> NAMES = Map.of(
            "moodle.example.ac.uk", "93.184.215.14",
            "moodle.trust.local", "10.20.1.5",
            "learning.trust.nhs.uk", "10.20.1.6",
            "metadata.example", "169.254.169.254",
            "sneaky.example", "127.0.0.1");

    private static InetAddress[] lookup(String host) throws UnknownHostException {
        String address = NAMES.get(host);
        if (address == null) {
            return InetAddress.getAllByName(host); // literals only in this test
        }
        return new InetAddress[]{InetAddress.getByName(address)};
    }

    private static AddressPolicy production(String allowList, boolean http) {
        return AddressPolicy.production(allowList, http, AddressPolicyTest::lookup);
    }

    private static boolean publicAddress(String literal) throws UnknownHostException {
        return AddressPolicy.isPublic(InetAddress.getByName(literal));
    }

    @Test
    void tellsPublicAddressesFromEverythingElse() throws Exception {
        for (String notPublic : new String[]{"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.0.10", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255",
                "::1", "::", "fe80::1", "fd00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                "64:ff9b::7f00:1", "2002:7f00:1::", "::7f00:1"}) {
            assertThat(publicAddress(notPublic)).as(notPublic).isFalse();
        }
        for (String isPublic : new String[]{"93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:2800:220:1::1",
                "64:ff9b::5db8:d70e"}) {
            assertThat(publicAddress(isPublic)).as(isPublic).isTrue();
        }
    }

    @Test
    void productionFetchesHttpsFromPublicAddressesOnly() throws Exception {
        AddressPolicy policy = production("", false);

        assertThatCode(() -> policy.check(URI.create("https://moodle.example.ac.uk/mod/lti/certs.php"))).doesNotThrowAnyException();
        for (String refused : new String[]{"https://127.0.0.1/openid", "https://localhost/openid", "https://10.1.2.3/x",
                "https://[::1]/x", "https://metadata.example/latest/meta-data", "https://sneaky.example/x",
                "https://moodle.trust.local/x", "http://moodle.example.ac.uk/x", "ftp://moodle.example.ac.uk/x",
                "file:///etc/passwd"}) {
            assertThatThrownBy(() -> policy.check(URI.create(refused))).as(refused)
                    .isInstanceOf(AddressPolicy.Refused.class);
        }
    }

    @Test
    void anAllowListedHostMayBeOnThePrivateNetwork() throws Exception {
        AddressPolicy policy = production("moodle.trust.local, *.trust.nhs.uk", false);

        policy.check(URI.create("https://moodle.trust.local/lti/openid"));
        policy.check(URI.create("https://learning.trust.nhs.uk/mod/lti/token.php"));
        assertThatThrownBy(() -> policy.check(URI.create("https://sneaky.example/x"))).isInstanceOf(AddressPolicy.Refused.class);
        assertThatThrownBy(() -> policy.check(URI.create("https://10.20.1.5/x")))
                .as("the address of a listed name is not listed itself").isInstanceOf(AddressPolicy.Refused.class);
    }

    @Test
    void anAllowListedRangeAdmitsEveryAddressInIt() throws Exception {
        AddressPolicy policy = production("10.20.0.0/16 fd12:3456::/32", false);

        policy.check(URI.create("https://10.20.99.1/x"));
        policy.check(URI.create("https://moodle.trust.local/x"));
        policy.check(URI.create("https://[fd12:3456::1]/x"));
        assertThatThrownBy(() -> policy.check(URI.create("https://10.21.0.1/x"))).isInstanceOf(AddressPolicy.Refused.class);
        assertThatThrownBy(() -> policy.check(URI.create("https://metadata.example/x"))).isInstanceOf(AddressPolicy.Refused.class);
    }

    @Test
    void plainHttpOnlyToAllowListedHostsAndOnlyWhenTheAdministratorSaysSo() throws Exception {
        assertThatThrownBy(() -> production("moodle.trust.local", false).check(URI.create("http://moodle.trust.local/x")))
                .isInstanceOf(AddressPolicy.Refused.class).hasMessageContaining("TANDEM_LTI_PRIVATE_HTTP");

        AddressPolicy http = production("moodle.trust.local, 10.30.0.0/16", true);
        http.check(URI.create("http://moodle.trust.local/x"));
        http.check(URI.create("http://10.30.1.1/x"));
        assertThatThrownBy(() -> http.check(URI.create("http://moodle.example.ac.uk/x")))
                .as("public hosts still need https").isInstanceOf(AddressPolicy.Refused.class);
    }

    @Test
    void aLocalRunFetchesFromAnywhere() throws Exception {
        AddressPolicy open = AddressPolicy.open();

        open.check(URI.create("http://127.0.0.1:8080/demo/jwks"));
        assertThat(open.resolve("127.0.0.1")).hasSize(1);
        assertThatThrownBy(() -> open.check(URI.create("file:///etc/passwd"))).isInstanceOf(AddressPolicy.Refused.class);
    }

    @Test
    void refusesAnAllowListItCannotRead() {
        assertThatThrownBy(() -> AddressPolicy.production("moodle.trust.local, http://x/", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://x/");
        assertThatThrownBy(() -> AddressPolicy.production("10.0.0.0/33", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/33");
    }
}
