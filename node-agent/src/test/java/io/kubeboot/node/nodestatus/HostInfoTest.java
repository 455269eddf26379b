package io.kubeboot.node.nodestatus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the machine's identity from /etc, /proc and /sys through a file reader (no real files). */
class HostInfoTest {
    @Test
    void readsEveryFile() {
        Map<String, String> files = Map.of(
                "/etc/machine-id", "0123456789abcdef\n",
                "/sys/class/dmi/id/product_uuid", "EC2A-1234\n",
                "/proc/sys/kernel/random/boot_id", "b0b1-b2\n",
                "/proc/sys/kernel/osrelease", "5.15.0-105-generic\n",
                "/etc/os-release", "NAME=\"Ubuntu\"\nPRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\nID=ubuntu\n",
                "/proc/meminfo", "MemTotal:       16338792 kB\nMemFree:  1 kB\n");
        HostInfo h = HostInfo.read(p -> Optional.ofNullable(files.get(p)), 8);
        assertThat(h).isEqualTo(new HostInfo("0123456789abcdef", "EC2A-1234", "b0b1-b2", "5.15.0-105-generic",
                "Ubuntu 22.04.4 LTS", 8, 16730923008L));
    }

    @Test
    void unreadableFilesGiveEmptyValuesAndLinux() {
        HostInfo h = HostInfo.read(p -> Optional.empty(), 2);
        assertThat(h).isEqualTo(new HostInfo("", "", "", "", "Linux", 2, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\" | Debian GNU/Linux 12 (bookworm)",
            "PRETTY_NAME='Alpine Linux v3.19' | Alpine Linux v3.19",
            "PRETTY_NAME=Fedora | Fedora",
    })
    void prettyNameUnquoted(String line, String expected) {
        assertThat(HostInfo.prettyName("ID=x\n" + line + "\n")).contains(expected);
    }
}
