package io.kubeboot.node.runtime.simulated;

import io.kubeboot.node.network.Ipv4Cidr;
import io.kubeboot.node.network.PodIpAllocator;
import io.kubeboot.node.network.PodNetwork;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Pod IPs from the node's podCIDR without any engine network, for the simulated runtime (scale benchmarks only):
 * pods get the addresses a real node would give them, but nothing listens there. Thread safe.
 */
public final class SimulatedPodNetwork implements PodNetwork {
    private final Supplier<Optional<String>> podCidr;
    private final PodIpAllocator allocator = new PodIpAllocator();

    public SimulatedPodNetwork(Supplier<Optional<String>> podCidr) {
        this.podCidr = podCidr;
    }

    @Override
    public String networkName() {
        return "simulated";
    }

    @Override
    public String allocate(String podUid) {
        String cidr = podCidr.get().filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException("the node has no podCIDR yet; cannot give pod " + podUid + " an IP"));
        return allocator.allocate(podUid, Ipv4Cidr.parse(cidr), Set.of());
    }

    @Override
    public void release(String podUid) {
        allocator.release(podUid);
    }

    @Override
    public void restore(Map<String, String> ipsByPodUid) {
        allocator.restore(ipsByPodUid);
    }
}
