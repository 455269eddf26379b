package io.kubeboot.node.proxy.userspace;

import io.kubeboot.node.proxy.ProxiedPort;
import io.kubeboot.node.proxy.Proxier;
import io.kubeboot.node.proxy.ProxyState;
import io.kubeboot.node.proxy.ServicePort;
import io.kubeboot.node.proxy.ServicePortName;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The userspace proxy mode: for each TCP or UDP service port that has usable endpoints, a listener on
 * ClusterIP:port and, for NodePort and LoadBalancer Services, one on nodeAddress:nodePort, forwarding each new
 * connection (or UDP session) to an endpoint chosen by the port's {@link RoundRobinBalancer}. A service port
 * without endpoints has no listener, so clients are refused at once (upstream REJECTs). Every served ClusterIP is
 * made a loopback address ({@link ClusterIpAliases}), whether or not it has endpoints, so that traffic to it never
 * leaves the machine. Node ports outside the configured node port range are not bound.
 *
 * <p>Connections run on a Netty NIO event loop group; {@link #sync} runs on the caller's (single) sync thread.
 */
public final class UserspaceProxier implements Proxier {
    private static final Logger log = LoggerFactory.getLogger(UserspaceProxier.class);

    private final String nodeAddress;
    private final int nodePortMin;
    private final int nodePortMax;
    private final Duration udpIdleTimeout;
    private final ClusterIpAliases aliases;
    private final LongSupplier nanoClock;
    private final EventLoopGroup group;
    private final Runnable dialFailed;
    private final Map<ServicePortName, RoundRobinBalancer> balancers = new HashMap<>();
    private final Map<ListenerKey, Bound> listeners = new HashMap<>();
    private final Set<ListenerKey> failing = new HashSet<>();

    private record Bound(ServicePortName owner, Listener listener) {
    }

    /**
     * @param nodeAddress   the node's address, where node ports listen
     * @param nodePortRange e.g. "30000-32767"
     * @param dialFailed    told of every TCP connect to an endpoint that failed, on an event loop: must not block
     */
    public UserspaceProxier(String nodeAddress, String nodePortRange, Duration udpIdleTimeout, LocalAddresses localAddresses,
                            LongSupplier nanoClock, Runnable dialFailed) {
        this.nodeAddress = nodeAddress;
        String[] range = nodePortRange.trim().split("-", 2);
        this.nodePortMin = Integer.parseInt(range[0].trim());
        this.nodePortMax = range.length > 1 ? Integer.parseInt(range[1].trim()) : nodePortMin;
        this.udpIdleTimeout = udpIdleTimeout;
        this.aliases = new ClusterIpAliases(localAddresses);
        this.nanoClock = nanoClock;
        this.dialFailed = dialFailed;
        this.group = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors() / 2),
                NioIoHandler.newFactory());
    }

    @Override
    public String mode() {
        return "userspace";
    }

    @Override
    public boolean sync(ProxyState state) {
        Set<String> clusterIps = state.clusterIps();
        Set<String> localClusterIps = aliases.reconcile(clusterIps);

        Map<ListenerKey, ServicePortName> wanted = new LinkedHashMap<>();
        Set<ServicePortName> served = new HashSet<>();
        for (ProxiedPort p : state.ports()) {
            ServicePort sp = p.service();
            if (p.endpoints().isEmpty() || !("TCP".equals(sp.protocol()) || "UDP".equals(sp.protocol()))) {
                continue;
            }
            served.add(sp.name());
            balancers.computeIfAbsent(sp.name(), n -> new RoundRobinBalancer(nanoClock))
                    .update(p.endpoints(), sp.stickyMaxAgeSeconds());
            if (sp.clusterIp() != null && localClusterIps.contains(sp.clusterIp())) {
                wanted.putIfAbsent(new ListenerKey(sp.clusterIp(), sp.port(), sp.protocol()), sp.name());
            }
            if (sp.nodePort() > 0) {
                if (sp.nodePort() < nodePortMin || sp.nodePort() > nodePortMax) {
                    log.debug("Service port {}: node port {} outside {}-{}; not bound", sp.name(), sp.nodePort(),
                            nodePortMin, nodePortMax);
                } else {
                    wanted.putIfAbsent(new ListenerKey(nodeAddress, sp.nodePort(), sp.protocol()), sp.name());
                }
            }
        }
        balancers.keySet().retainAll(served);

        for (var it = listeners.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().owner().equals(wanted.get(e.getKey()))) {
                e.getValue().listener().close();
                it.remove();
                log.info("Closed {} of {}", e.getKey(), e.getValue().owner());
            }
        }
        boolean ok = true;
        failing.retainAll(wanted.keySet());
        for (var e : wanted.entrySet()) {
            ListenerKey key = e.getKey();
            if (listeners.containsKey(key)) {
                continue;
            }
            RoundRobinBalancer balancer = balancers.get(e.getValue());
            try {
                Listener listener = "TCP".equals(key.protocol())
                        ? TcpListener.bind(group, key, balancer, e.getValue().toString(), dialFailed)
                        : UdpListener.bind(group, key, balancer, udpIdleTimeout);
                listeners.put(key, new Bound(e.getValue(), listener));
                failing.remove(key);
                log.info("Opened {} for {}", key, e.getValue());
            } catch (Exception ex) {
                ok = false;
                if (failing.add(key)) {
                    log.warn("Cannot open {} for {}: {}; retrying", key, e.getValue(), ex.toString());
                }
            }
        }
        return ok;
    }

    /** The listeners now bound (for tests and diagnostics). */
    Set<ListenerKey> listenerKeys() {
        return Set.copyOf(listeners.keySet());
    }

    RoundRobinBalancer balancer(ServicePortName name) {
        return balancers.get(name);
    }

    @Override
    public void close() {
        listeners.values().forEach(b -> b.listener().close());
        listeners.clear();
        balancers.clear();
        aliases.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
