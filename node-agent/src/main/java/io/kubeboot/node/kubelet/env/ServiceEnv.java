package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Service environment variables of upstream envvars.FromServices: per Service with a ClusterIP,
 * {@code <SVC>_SERVICE_HOST}, {@code <SVC>_SERVICE_PORT} (first port), {@code <SVC>_SERVICE_PORT_<NAME>} per named
 * port, and Docker-link style {@code <SVC>_PORT}, {@code <SVC>_PORT_<port>_<PROTO>[_PROTO|_PORT|_ADDR]}. Pure.
 */
public final class ServiceEnv {
    private ServiceEnv() {
    }

    /** The variables of the services, in the given order of services, as upstream lists them. */
    public static Map<String, String> fromServices(List<Service> services) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Service service : services) {
            if (!isServiceIpSet(service) || service.getSpec().getPorts() == null || service.getSpec().getPorts().isEmpty()) {
                continue;
            }
            String clusterIp = service.getSpec().getClusterIP();
            String prefix = envVariableName(service.getMetadata().getName());
            List<ServicePort> ports = service.getSpec().getPorts();
            result.put(prefix + "_SERVICE_HOST", clusterIp);
            String portName = prefix + "_SERVICE_PORT";
            result.put(portName, String.valueOf(port(ports.get(0))));
            for (ServicePort sp : ports) {
                if (sp.getName() != null && !sp.getName().isEmpty()) {
                    result.put(portName + "_" + envVariableName(sp.getName()), String.valueOf(port(sp)));
                }
            }
            result.putAll(linkVariables(prefix, clusterIp, ports));
        }
        return result;
    }

    /** Upstream IsServiceIPSet: a ClusterIP that is neither empty nor "None". */
    public static boolean isServiceIpSet(Service service) {
        String ip = service.getSpec() == null ? null : service.getSpec().getClusterIP();
        return ip != null && !ip.isEmpty() && !"None".equals(ip);
    }

    /** Upstream makeEnvVariableName: upper case, '-' as '_' (Service and port names are DNS labels). */
    static String envVariableName(String name) {
        return name.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> linkVariables(String prefix, String clusterIp, List<ServicePort> ports) {
        Map<String, String> all = new LinkedHashMap<>();
        List<ServicePort> list = new ArrayList<>(ports);
        for (int i = 0; i < list.size(); i++) {
            ServicePort sp = list.get(i);
            String protocol = sp.getProtocol() == null || sp.getProtocol().isEmpty() ? "TCP" : sp.getProtocol();
            String lower = protocol.toLowerCase(Locale.ROOT);
            String url = lower + "://" + clusterIp + ":" + port(sp);
            if (i == 0) {
                // Docker special-cases the first port
                all.put(prefix + "_PORT", url);
            }
            String portPrefix = prefix + "_PORT_" + port(sp) + "_" + protocol.toUpperCase(Locale.ROOT);
            all.put(portPrefix, url);
            all.put(portPrefix + "_PROTO", lower);
            all.put(portPrefix + "_PORT", String.valueOf(port(sp)));
            all.put(portPrefix + "_ADDR", clusterIp);
        }
        return all;
    }

    private static int port(ServicePort sp) {
        return sp.getPort() == null ? 0 : sp.getPort();
    }
}
