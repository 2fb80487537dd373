package io.switchboard.workspace.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImportSourcesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.0.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3", "224.0.0.1", "240.0.0.1",
            "255.255.255.255", "192.0.0.8", "198.18.0.1", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1",
            "ff02::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::10.0.0.1"})
    void internalAddressesAreRefused(String literal) throws UnknownHostException {
        assertThat(ImportSources.isInternal(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "140.82.112.3", "100.63.255.255", "100.128.0.1", "172.32.0.1",
            "192.169.0.1", "198.20.0.1", "2001:4860:4860::8888", "2606:50c0:8000::153", "::ffff:140.82.112.3"})
    void publicAddressesAreAllowed(String literal) throws UnknownHostException {
        assertThat(ImportSources.isInternal(InetAddress.getByName(literal))).as(literal).isFalse();
    }
}
