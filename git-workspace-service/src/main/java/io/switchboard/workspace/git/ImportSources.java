package io.switchboard.workspace.git;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.util.FS;

import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * Checks what a user names as a repository to import before git sees it. Remote URLs must be https, carry no
 * credentials of their own and resolve only to public addresses, so an import cannot reach the service's own
 * network (loopback, private, link-local, carrier-grade NAT, unique-local IPv6); hosts an operator trusts are
 * exempt. Local paths must lie, after following links, inside a directory the operator allowed.
 */
@ApplicationScoped
public class ImportSources {

    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_TOKEN_LENGTH = 4096;

    private final List<Path> allowedPaths;
    private final List<String> trustedHosts;

    public ImportSources(WorkspaceConfig config) {
        this.allowedPaths = config.imports().allowedPaths().orElse(List.of());
        this.trustedHosts = config.imports().trustedHosts().orElse(List.of()).stream()
                .map(host -> host.toLowerCase(Locale.ROOT)).toList();
    }

    /** Exactly one of {@code url} and {@code path}; a token only with a URL. */
    public ImportSource check(String url, String path, String token) {
        if ((url == null) == (path == null)) {
            throw ProblemException.badRequest("Name exactly one of url (a git https URL) and path");
        }
        if (token != null) {
            if (path != null) {
                throw ProblemException.badRequest("token goes with a url only");
            }
            if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || isNotPrintableAscii(token)) {
                // Never echoed: it is a secret even when it is malformed.
                throw ProblemException.badRequest("token is not a valid access token");
            }
        }
        return url != null ? remote(url, token) : local(path);
    }

    private ImportSource remote(String url, String token) {
        if (url.isEmpty() || url.length() > MAX_URL_LENGTH || isNotPrintableAscii(url)) {
            throw ProblemException.badRequest("url is not a valid URL");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw ProblemException.badRequest("url must be an https URL; file, ssh and git URLs are not accepted");
        }
        if (host == null || uri.getRawAuthority() == null) {
            throw ProblemException.badRequest("url names no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ProblemException.badRequest("url must not carry credentials; send the access token as token");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ProblemException.badRequest("url must not have a query or a fragment");
        }
        boolean trusted = trustedHosts.contains(host);
        if (!trusted && scheme.equals("http")) {
            throw ProblemException.badRequest("url must be an https URL");
        }
        if (!trusted) {
            refuseInternalAddresses(host);
        }
        String display = scheme + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
        return new ImportSource(display, uri.toString(), null, token);
    }

    private static void refuseInternalAddresses(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw ProblemException.badRequest("url names a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw ProblemException.badRequest("url names a host on an internal network, which is not allowed");
            }
        }
    }

    /** Any address that is not plainly on the public internet. */
    static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            boolean carrierGradeNat = first == 100 && second >= 64 && second < 128;
            boolean ietfProtocol = first == 192 && second == 0 && (bytes[2] & 0xff) == 0;
            boolean benchmarking = first == 198 && (second & 0xfe) == 18;
            return first == 0 || first >= 240 || carrierGradeNat || ietfProtocol || benchmarking;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
            boolean mapped = isZero(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
            boolean compatible = isZero(bytes, 0, 12);
            if (mapped || compatible) {
                // An IPv4 address in IPv6 clothing is judged as the IPv4 address it carries.
                try {
                    return isInternal(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        return true;
    }

    private ImportSource local(String path) {
        if (allowedPaths.isEmpty()) {
            throw ProblemException.badRequest("Importing from a local path is not enabled on this server");
        }
        if (path.isEmpty() || path.length() > MAX_URL_LENGTH || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ProblemException.badRequest("path is not a valid path");
        }
        Path real;
        try {
            Path given = Path.of(path);
            if (!given.isAbsolute()) {
                throw ProblemException.badRequest("path must be absolute");
            }
            real = given.toRealPath();
        } catch (InvalidPathException | IOException e) {
            throw ProblemException.badRequest("path is not a repository this server may read");
        }
        if (allowedPaths.stream().noneMatch(root -> isInside(real, root))) {
            // The same answer as for a missing path: which server directories exist is not the caller's business.
            throw ProblemException.badRequest("path is not a repository this server may read");
        }
        Path gitDir = Files.isDirectory(real.resolve(".git")) ? real.resolve(".git") : real;
        if (!RepositoryCache.FileKey.isGitRepository(gitDir.toFile(), FS.DETECTED)) {
            throw ProblemException.badRequest("path is not a repository this server may read");
        }
        return new ImportSource(path, null, gitDir, null);
    }

    private static boolean isInside(Path real, Path root) {
        try {
            return real.startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    // URLs and tokens are printable ASCII: anything else (spaces, controls, NUL, other scripts) is refused.
    private static boolean isNotPrintableAscii(String value) {
        return value.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f);
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
