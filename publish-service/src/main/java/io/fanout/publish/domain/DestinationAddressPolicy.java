package io.fanout.publish.domain;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which destination addresses a push may connect to. A destination URL is user input that the
 * platform connects to from inside its network, so only {@code rtmp://} and {@code rtmps://} to
 * public addresses are allowed: loopback, private, shared (CGNAT), link-local (cloud metadata at
 * 169.254.169.254 included), multicast, reserved and documentation ranges are refused, in IPv4, in
 * IPv6 and IPv4 embedded in IPv6. A name is judged by every address it resolves to. Numeric hosts
 * must be plain dotted decimal: {@code 0177.0.0.1} or {@code 0x7f.1} mean 127.0.0.1 to the C
 * library ffmpeg uses but something else (or nothing) to Java. Special-use and private names
 * ({@code localhost}, {@code .local}, {@code .internal}, {@code .home.arpa}, RFC 6761's and RFC
 * 6762's; with or without the root's trailing dot) are refused before any lookup: whatever they
 * resolve to here, or later, is by definition not a network's ingest. Entries of the allow-list (a
 * host, or host:port) bypass the address rules: local stand-ins for tests and the demo.
 */
public final class DestinationAddressPolicy {

    /** Resolves a host name to its addresses (the system resolver in production). */
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** What the policy says of a URL: allowed, refused with a reason, or not decidable now (unresolvable). */
    public record Verdict(boolean allowed, boolean unresolved, String reason) {

        static Verdict allow() {
            return new Verdict(true, false, null);
        }

        static Verdict refuse(String reason) {
            return new Verdict(false, false, reason);
        }

        static Verdict unresolvable(String host) {
            return new Verdict(false, true, "host " + host + " does not resolve");
        }
    }

    private static final Pattern NUMERIC_HOST = Pattern.compile("(0[xX][0-9a-fA-F]*|\\d+)(\\.(0[xX][0-9a-fA-F]*|\\d+))*\\.?");
    private static final Pattern DOTTED_DECIMAL = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** Names (and the names under them) that are never a public network's: RFC 6761, 6762 (appendix G), 8375. */
    private static final List<String> SPECIAL_USE = List.of("localhost", "localdomain", "local", "internal",
            "home.arpa", "arpa", "invalid", "test", "onion", "lan", "home", "corp", "intranet", "private");

    private final List<String> allowList;
    private final Resolver resolver;

    public DestinationAddressPolicy(List<String> allowList, Resolver resolver) {
        this.allowList = allowList.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).toList();
        this.resolver = resolver;
    }

    /** The system resolver. */
    public static Resolver systemResolver() {
        return host -> Arrays.asList(InetAddress.getAllByName(host));
    }

    /** Whether a push may connect to the host of {@code url} (an ingest URL, without the stream key). */
    public Verdict check(String url) {
        String syntax = DestinationUrl.problem(url);
        if (syntax != null) {
            return Verdict.refuse(syntax);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Verdict.refuse("is not a valid URL");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean tls = uri.getScheme().equalsIgnoreCase("rtmps");
        int port = uri.getPort() == -1 ? (tls ? 443 : 1935) : uri.getPort();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowList.contains(bare) || allowList.contains(host + ":" + port) || allowList.contains(bare + ":" + port)) {
            return Verdict.allow();
        }
        if (NUMERIC_HOST.matcher(bare).matches() && !DOTTED_DECIMAL.matcher(bare).matches()) {
            return Verdict.refuse("an IP address must be written as four decimal numbers");
        }
        String special = specialUse(bare);
        if (special != null) {
            return Verdict.refuse("must reach a public address; " + bare + " is " + special);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return Verdict.unresolvable(bare);
        }
        if (addresses.isEmpty()) {
            return Verdict.unresolvable(bare);
        }
        for (InetAddress address : addresses) {
            String why = nonPublic(address);
            if (why != null) {
                return Verdict.refuse("must reach a public address; " + bare + " is " + why);
            }
        }
        return Verdict.allow();
    }

    /** Why the name is special-use or private, or null if it is not. */
    static String specialUse(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        for (String suffix : SPECIAL_USE) {
            if (name.equals(suffix) || name.endsWith("." + suffix)) {
                return "a special-use name (." + suffix + ")";
            }
        }
        return null;
    }

    /** Why {@code address} is not a public unicast address, or null if it is. */
    static String nonPublic(InetAddress address) {
        if (address instanceof Inet4Address) {
            return nonPublicV4(address.getAddress());
        }
        byte[] b = address.getAddress();
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return "a loopback or unspecified address";
        }
        if (address.isLinkLocalAddress() || (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return "a link-local address";
        }
        if ((b[0] & 0xfe) == 0xfc || address.isSiteLocalAddress()) {
            return "a private (unique local) address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return "a documentation address";
        }
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff || isZero(b, 0, 12)) {
            return embedded(b, 12);
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return embedded(b, 12);
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return embedded(b, 2);
        }
        return null;
    }

    private static String embedded(byte[] v6, int offset) {
        String why = nonPublicV4(Arrays.copyOfRange(v6, offset, offset + 4));
        return why == null ? null : "an IPv6 address embedding " + why;
    }

    private static String nonPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 127) {
            return "a loopback address";
        }
        if (a0 == 0) {
            return "an unspecified (0.0.0.0/8) address";
        }
        if (a0 == 10 || a0 == 172 && a1 >= 16 && a1 <= 31 || a0 == 192 && a1 == 168) {
            return "a private address";
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return "a shared (carrier-grade NAT) address";
        }
        if (a0 == 169 && a1 == 254) {
            return "a link-local address (cloud metadata lives there)";
        }
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2) || a0 == 198 && a1 == 51 && a2 == 100
                || a0 == 203 && a1 == 0 && a2 == 113) {
            return "a reserved or documentation address";
        }
        if (a0 == 198 && (a1 == 18 || a1 == 19)) {
            return "a benchmarking address";
        }
        if (a0 >= 224) {
            return "a multicast, reserved or broadcast address";
        }
        return null;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
