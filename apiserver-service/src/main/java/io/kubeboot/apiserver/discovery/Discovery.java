package io.kubeboot.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.apiserver.config.ApiServerProperties;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents, built once: legacy ({@code /api}, {@code /apis}, {@code /api/v1},
 * {@code /apis/<g>}, {@code /apis/<g>/<v>}) for fabric8 and the official client, aggregated v2
 * ({@code APIGroupDiscoveryList}) for kubectl when it asks for it, {@code /version} and the root paths.
 * Immutable after construction; thread safe.
 */
@Component
public class Discovery {
    public static final String AGGREGATED_MEDIA_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private final byte[] apiVersions;
    private final byte[] groupList;
    private final byte[] aggregatedCore;
    private final byte[] aggregatedGroups;
    private final byte[] version;
    private final byte[] rootPaths;
    private final Map<String, byte[]> resourceLists = new LinkedHashMap<>();
    private final Map<String, byte[]> groups = new LinkedHashMap<>();

    public Discovery(ApiServerProperties props) {
        BuiltinResources all = BuiltinResources.get();
        ObjectNode av = Json.object();
        av.put("kind", "APIVersions");
        av.putArray("versions").add("v1");
        ArrayNode cidrs = av.putArray("serverAddressByClientCIDRs");
        cidrs.addObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", "");
        apiVersions = Json.bytes(av);

        ObjectNode gl = Json.object();
        gl.put("kind", "APIGroupList");
        gl.put("apiVersion", "v1");
        ArrayNode groupArray = gl.putArray("groups");
        List<String> paths = new ArrayList<>(List.of("/api", "/api/v1", "/apis"));
        for (String g : all.groups()) {
            List<ResourceInfo> members = all.all().stream().filter(r -> r.group().equals(g)).toList();
            String v = members.get(0).version();
            String gv = g.isEmpty() ? v : g + "/" + v;
            resourceLists.put(gv, Json.bytes(resourceList(gv, members)));
            if (!g.isEmpty()) {
                ObjectNode group = groupArray.addObject();
                fillGroup(group, g, gv, v);
                ObjectNode single = Json.object();
                single.put("kind", "APIGroup");
                single.put("apiVersion", "v1");
                fillGroup(single, g, gv, v);
                groups.put(g, Json.bytes(single));
                paths.add("/apis/" + g);
                paths.add("/apis/" + gv);
            }
        }
        groupList = Json.bytes(gl);
        aggregatedCore = Json.bytes(aggregated(all, true));
        aggregatedGroups = Json.bytes(aggregated(all, false));

        String git = props.getGitVersion();
        String[] mm = git.replaceFirst("^v", "").split("\\.");
        ObjectNode ver = Json.object();
        ver.put("major", mm[0]);
        ver.put("minor", mm.length > 1 ? mm[1] : "0");
        ver.put("gitVersion", git);
        ver.put("gitCommit", "kubeboot");
        ver.put("gitTreeState", "clean");
        ver.put("buildDate", Instant.now().toString());
        ver.put("goVersion", "java" + Runtime.version().feature());
        ver.put("compiler", "javac");
        ver.put("platform", System.getProperty("os.name").toLowerCase() + "/" + arch());
        version = Json.bytes(ver);

        paths.addAll(List.of("/healthz", "/livez", "/openapi/v3", "/readyz", "/version"));
        ObjectNode root = Json.object();
        ArrayNode p = root.putArray("paths");
        paths.forEach(p::add);
        rootPaths = Json.bytes(root);
    }

    private static String arch() {
        String a = System.getProperty("os.arch");
        return a.equals("x86_64") ? "amd64" : a.equals("aarch64") ? "arm64" : a;
    }

    private static void fillGroup(ObjectNode group, String name, String gv, String v) {
        group.put("name", name);
        ObjectNode ver = Json.object().put("groupVersion", gv).put("version", v);
        group.putArray("versions").add(ver);
        group.set("preferredVersion", ver.deepCopy());
    }

    private static ObjectNode resourceList(String gv, List<ResourceInfo> members) {
        ObjectNode rl = Json.object();
        rl.put("kind", "APIResourceList");
        rl.put("apiVersion", "v1");
        rl.put("groupVersion", gv);
        ArrayNode resources = rl.putArray("resources");
        for (ResourceInfo r : members) {
            ObjectNode n = resources.addObject();
            n.put("name", r.resource());
            n.put("singularName", r.singular());
            n.put("namespaced", r.namespaced());
            n.put("kind", r.kind());
            strings(n.putArray("verbs"), r.verbs());
            if (!r.shortNames().isEmpty()) {
                strings(n.putArray("shortNames"), r.shortNames());
            }
            if (!r.categories().isEmpty()) {
                strings(n.putArray("categories"), r.categories());
            }
            for (String sub : r.subresources()) {
                Sub s = sub(r, sub);
                ObjectNode sn = resources.addObject();
                sn.put("name", r.resource() + "/" + sub);
                sn.put("singularName", "");
                sn.put("namespaced", r.namespaced());
                if (!s.group().equals(r.group())) {
                    sn.put("group", s.group());
                    sn.put("version", s.version());
                }
                sn.put("kind", s.kind());
                strings(sn.putArray("verbs"), s.verbs());
            }
        }
        return rl;
    }

    /** The response kind and verbs of a subresource, as kube-apiserver publishes them. */
    private record Sub(String group, String version, String kind, List<String> verbs) {
    }

    private static Sub sub(ResourceInfo r, String sub) {
        return switch (sub) {
            case "status" -> new Sub(r.group(), r.version(), r.kind(), List.of("get", "patch", "update"));
            case "scale" -> new Sub("autoscaling", "v1", "Scale", List.of("get", "patch", "update"));
            case "binding" -> new Sub(r.group(), r.version(), "Binding", List.of("create"));
            case "eviction" -> new Sub("policy", "v1", "Eviction", List.of("create"));
            case "log" -> new Sub(r.group(), r.version(), r.kind(), List.of("get"));
            case "exec" -> new Sub(r.group(), r.version(), "PodExecOptions", List.of("create", "get"));
            case "finalize" -> new Sub(r.group(), r.version(), r.kind(), List.of("update"));
            default -> new Sub(r.group(), r.version(), r.kind(), List.of("get"));
        };
    }

    private static ObjectNode aggregated(BuiltinResources all, boolean core) {
        ObjectNode list = Json.object();
        list.put("kind", "APIGroupDiscoveryList");
        list.put("apiVersion", "apidiscovery.k8s.io/v2");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        for (String g : all.groups()) {
            if (g.isEmpty() != core) {
                continue;
            }
            List<ResourceInfo> members = all.all().stream().filter(r -> r.group().equals(g)).toList();
            ObjectNode item = items.addObject();
            ObjectNode meta = item.putObject("metadata");
            if (!g.isEmpty()) {
                meta.put("name", g);
            }
            ObjectNode ver = item.putArray("versions").addObject();
            ver.put("version", members.get(0).version());
            ArrayNode resources = ver.putArray("resources");
            for (ResourceInfo r : members) {
                ObjectNode n = resources.addObject();
                n.put("resource", r.resource());
                n.putObject("responseKind").put("group", r.group()).put("version", r.version()).put("kind", r.kind());
                n.put("scope", r.namespaced() ? "Namespaced" : "Cluster");
                n.put("singularResource", r.singular());
                strings(n.putArray("verbs"), r.verbs());
                if (!r.shortNames().isEmpty()) {
                    strings(n.putArray("shortNames"), r.shortNames());
                }
                if (!r.categories().isEmpty()) {
                    strings(n.putArray("categories"), r.categories());
                }
                if (!r.subresources().isEmpty()) {
                    ArrayNode subs = n.putArray("subresources");
                    for (String sub : r.subresources()) {
                        Sub s = sub(r, sub);
                        ObjectNode sn = subs.addObject();
                        sn.put("subresource", sub);
                        sn.putObject("responseKind").put("group", s.group()).put("version", s.version()).put("kind", s.kind());
                        strings(sn.putArray("verbs"), s.verbs());
                    }
                }
            }
            ver.put("freshness", "Current");
        }
        return list;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    public byte[] apiVersions() {
        return apiVersions;
    }

    public byte[] groupList() {
        return groupList;
    }

    public byte[] aggregated(boolean core) {
        return core ? aggregatedCore : aggregatedGroups;
    }

    public Optional<byte[]> resourceList(String groupVersion) {
        return Optional.ofNullable(resourceLists.get(groupVersion));
    }

    public Optional<byte[]> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    public byte[] version() {
        return version;
    }

    public byte[] rootPaths() {
        return rootPaths;
    }

    /** Whether an Accept header asks for aggregated discovery v2. */
    public static boolean wantsAggregated(String accept) {
        return accept != null && accept.contains("as=APIGroupDiscoveryList") && accept.contains("v=v2")
                && accept.contains("g=apidiscovery.k8s.io");
    }
}
