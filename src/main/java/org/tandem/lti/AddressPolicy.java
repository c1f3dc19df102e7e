package org.tandem.lti;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which addresses Tandem may send requests to: one rule for every URL it fetches from a platform
 * (OpenID configuration, registration endpoint, JWKS, token URL, line items, scores,
 * memberships). Those URLs come from outside: from anyone who opens the dynamic registration
 * URL, from a platform's configuration or its signed launches. Without a rule they make Tandem a
 * proxy into its own network (server-side request forgery): cloud metadata at 169.254.169.254,
 * admin consoles on loopback, intranet hosts.
 *
 * <p>In production only https to public addresses is allowed, except what the administrator
 * allow-lists: host names (an NHS trust's intranet Moodle) and address ranges, reachable over
 * plain http only if the administrator says so too. A local run (no public base URL) allows
 * everything, for an LMS in a container next to it and for the tests' loopback platforms.
 *
 * <p>The addresses are checked when a connection is made, by the same lookup that the connection
 * then uses ({@link #resolve}), so a name that answers a public address to a check and a private
 * one to the connection (DNS rebinding) gets nowhere.
 */
public final class AddressPolicy {

    /** Name resolution; the system resolver in production. */
    @FunctionalInterface
    public interface Dns {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    /** A request this policy refuses; the message names the URL or address and why. */
    public static final class Refused extends UnknownHostException {
        public Refused(String message) {
            super(message);
        }
    }

    private static final Pattern HOST_NAME = Pattern.compile(
            "(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /**
     * Addresses that are not on the public internet (RFC 6890 special-purpose registries): this
     * host, private networks, carrier-grade NAT, link-local (cloud metadata), documentation,
     * benchmarking, multicast and reserved space.
     */
    private static final List<Range> NOT_PUBLIC = List.of(
            Range.parse("0.0.0.0/8"), Range.parse("10.0.0.0/8"), Range.parse("100.64.0.0/10"),
            Range.parse("127.0.0.0/8"), Range.parse("169.254.0.0/16"), Range.parse("172.16.0.0/12"),
            Range.parse("192.0.0.0/24"), Range.parse("192.0.2.0/24"), Range.parse("192.168.0.0/16"),
            Range.parse("198.18.0.0/15"), Range.parse("198.51.100.0/24"), Range.parse("203.0.113.0/24"),
            Range.parse("224.0.0.0/3"),
            Range.parse("::/127"), Range.parse("fe80::/10"), Range.parse("fc00::/7"), Range.parse("ff00::/8"),
            Range.parse("2001:db8::/32"));
    private static final Range IPV4_COMPATIBLE = Range.parse("::/96");
    private static final Range NAT64 = Range.parse("64:ff9b::/96");
    private static final Range SIX_TO_FOUR = Range.parse("2002::/16");

    private final boolean open;
    private final List<String> hosts;
    private final List<Range> ranges;
    private final boolean privateHttp;
    private final Dns dns;

    private AddressPolicy(boolean open, List<String> hosts, List<Range> ranges, boolean privateHttp, Dns dns) {
        this.open = open;
        this.hosts = List.copyOf(hosts);
        this.ranges = List.copyOf(ranges);
        this.privateHttp = privateHttp;
        this.dns = dns;
    }

    /** A local run: any http(s) URL. */
    public static AddressPolicy open() {
        return new AddressPolicy(true, List.of(), List.of(), true, InetAddress::getAllByName);
    }

    /**
     * Production: https to public addresses, plus the allow-listed hosts and ranges.
     *
     * @param allowList   comma- or space-separated host names ({@code moodle.trust.local},
     *                    {@code *.trust.nhs.uk}) and addresses or CIDR ranges ({@code 10.20.0.0/16})
     * @param privateHttp whether the allow-listed may also be reached over plain http
     * @throws IllegalArgumentException naming an entry that is neither
     */
    public static AddressPolicy production(String allowList, boolean privateHttp) {
        return production(allowList, privateHttp, InetAddress::getAllByName);
    }

    /** As {@link #production(String, boolean)}, resolving names with {@code dns}. */
    public static AddressPolicy production(String allowList, boolean privateHttp, Dns dns) {
        List<String> hosts = new ArrayList<>();
        List<Range> ranges = new ArrayList<>();
        for (String entry : (allowList == null ? "" : allowList).trim().split("[,\\s]+")) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (literal(e.contains("/") ? e.substring(0, e.indexOf('/')) : e)) {
                ranges.add(Range.parse(e));
            } else if (HOST_NAME.matcher(e).matches()) {
                hosts.add(e);
            } else {
                throw new IllegalArgumentException("'" + entry + "' is neither a host name (moodle.trust.local, "
                        + "*.trust.nhs.uk) nor an address or range (10.20.0.0/16)");
            }
        }
        return new AddressPolicy(false, hosts, ranges, privateHttp, dns);
    }

    /** Whether this is the local run's policy, which allows any address. */
    public boolean allowsAny() {
        return open;
    }

    /** For the start-up log line. */
    public String describe() {
        if (open) {
            return "any http(s) address (no TANDEM_BASE_URL: a local run)";
        }
        List<String> listed = new ArrayList<>(hosts);
        ranges.forEach(r -> listed.add(r.toString()));
        return "https to public addresses" + (listed.isEmpty() ? "" : ", and " + String.join(", ", listed)
                + (privateHttp ? " also over http" : " (https only)"));
    }

    /**
     * Checks a URL before any request: http(s) with a host, and plain http only to allow-listed
     * hosts when the administrator allows it. The addresses are checked by {@link #resolve} when
     * the connection is made.
     */
    public void checkUrl(URI uri) throws UnknownHostException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null) {
            throw new Refused(uri + " is not an absolute http(s) URL");
        }
        if (open || "https".equals(scheme)) {
            return;
        }
        String host = host(uri.getHost());
        boolean listed = listed(host) || Arrays.stream(dns.lookup(host)).allMatch(this::inRanges);
        if (!listed) {
            throw new Refused(uri + " is refused: Tandem uses https with platforms; plain http only to hosts an "
                    + "administrator allow-lists (TANDEM_LTI_PRIVATE_HOSTS) with TANDEM_LTI_PRIVATE_HTTP=true");
        }
        if (!privateHttp) {
            throw new Refused(uri + " is refused: " + host + " is allow-listed for https only; an administrator allows "
                    + "plain http with TANDEM_LTI_PRIVATE_HTTP=true");
        }
    }

    /**
     * The addresses to connect to for a host, each checked: public, or within an allow-listed
     * range, or any (but the wildcard and multicast) of an allow-listed host name.
     */
    public InetAddress[] resolve(String hostName) throws UnknownHostException {
        String host = host(hostName);
        InetAddress[] addresses = dns.lookup(host);
        if (open) {
            return addresses;
        }
        boolean listed = listed(host);
        for (InetAddress address : addresses) {
            boolean allowed = listed ? !address.isAnyLocalAddress() && !address.isMulticastAddress()
                    : inRanges(address) || isPublic(address);
            if (!allowed) {
                throw new Refused(host + (host.equals(address.getHostAddress()) ? "" : " (" + address.getHostAddress() + ")")
                        + " is not a public address; Tandem fetches from private networks only what an administrator "
                        + "allow-lists in TANDEM_LTI_PRIVATE_HOSTS");
            }
        }
        return addresses;
    }

    /** Both checks, for a URL stored now and fetched later (a platform's JWKS and token URLs). */
    public void check(URI uri) throws UnknownHostException {
        checkUrl(uri);
        if (!open) {
            resolve(uri.getHost());
        }
    }

    /** Whether an address is on the public internet. */
    public static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            // IPv4 carried in IPv6 (compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged as that IPv4
            if (IPV4_COMPATIBLE.contains(v6) || NAT64.contains(v6)) {
                return isPublic(v4(b, 12));
            }
            if (SIX_TO_FOUR.contains(v6)) {
                return isPublic(v4(b, 2));
            }
        }
        return NOT_PUBLIC.stream().noneMatch(r -> r.contains(address));
    }

    private boolean listed(String host) {
        return hosts.stream().anyMatch(h -> h.startsWith("*.") ? host.endsWith(h.substring(1)) : host.equals(h));
    }

    private boolean inRanges(InetAddress address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    private static String host(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static boolean literal(String s) {
        return IPV4.matcher(s).matches() || s.contains(":");
    }

    private static InetAddress v4(byte[] bytes, int from) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, from, from + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An address range in CIDR notation (a single address is a /32 or /128). */
    record Range(byte[] network, int prefix, String text) {

        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            String address = slash < 0 ? cidr : cidr.substring(0, slash);
            if (!literal(address)) {
                throw new IllegalArgumentException("'" + cidr + "' is not an address or CIDR range");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + cidr + "' is not an address or CIDR range", e);
            }
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length", e);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-" + bytes.length * 8);
            }
            return new Range(bytes, prefix, cidr);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Range r && r.prefix == prefix && Arrays.equals(r.network, network);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(network) + prefix;
        }
    }
}
