package io.kubeboot.node.proxy.iptables;

import io.kubeboot.node.proxy.Endpoint;
import io.kubeboot.node.proxy.ServicePortName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Chain names equal upstream's for the same service port (values from upstream's iptables proxier tests). */
class ChainNamesTest {
    @Test
    void matchesUpstream() {
        ServicePortName p80 = new ServicePortName("ns1", "svc1", "p80", "TCP");
        assertThat(ChainNames.service(p80)).isEqualTo("KUBE-SVC-XPGD46QRK7WJZT7O");
        assertThat(ChainNames.external(p80)).isEqualTo("KUBE-EXT-XPGD46QRK7WJZT7O");
        assertThat(ChainNames.endpoint(p80, new Endpoint("10.180.0.1", 80, true, true, false, null)))
                .isEqualTo("KUBE-SEP-SXIVWICOYRO3J4NJ");
    }
}
