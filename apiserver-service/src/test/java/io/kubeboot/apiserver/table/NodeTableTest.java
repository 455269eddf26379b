package io.kubeboot.apiserver.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.table.Fixtures.NOW;
import static io.kubeboot.apiserver.table.Fixtures.created;
import static io.kubeboot.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Cases of upstream TestPrintNodeStatus, TestPrintNodeRole, TestPrintNodeOSImage,
 * TestPrintNodeKernelVersion, TestPrintNodeContainerRuntimeVersion, TestPrintNodeName,
 * TestPrintNodeExternalIP and TestPrintNodeInternalIP, all in the wide form.
 */
class NodeTableTest {
    private static final String U = "<unknown>";
    private static final String NONE = "<none>";
    private final NodeTable table = new NodeTable();

    private static List<Object> plain(String name, String status, String roles) {
        return List.of(name, status, roles, U, "", NONE, NONE, U, U, U);
    }

    static Stream<Arguments> status() {
        return Stream.of(
                arguments("{'metadata':{'name':'foo1'},'status':{'conditions':[{'type':'Ready','status':'True'}]}}",
                        plain("foo1", "Ready", NONE)),
                arguments("{'metadata':{'name':'foo2'},'spec':{'unschedulable':true},"
                                + "'status':{'conditions':[{'type':'Ready','status':'True'}]}}",
                        plain("foo2", "Ready,SchedulingDisabled", NONE)),
                arguments("{'metadata':{'name':'foo3'},'status':{'conditions':[{'type':'Ready','status':'True'},"
                                + "{'type':'Ready','status':'True'}]}}",
                        plain("foo3", "Ready", NONE)),
                arguments("{'metadata':{'name':'foo4'},'status':{'conditions':[{'type':'Ready','status':'False'}]}}",
                        plain("foo4", "NotReady", NONE)),
                arguments("{'metadata':{'name':'foo5'},'spec':{'unschedulable':true},"
                                + "'status':{'conditions':[{'type':'Ready','status':'False'}]}}",
                        plain("foo5", "NotReady,SchedulingDisabled", NONE)),
                arguments("{'metadata':{'name':'foo6'},'status':{'conditions':[{'type':'InvalidValue','status':'True'}]}}",
                        plain("foo6", "Unknown", NONE)),
                arguments("{'metadata':{'name':'foo7'},'status':{'conditions':[{}]}}",
                        plain("foo7", "Unknown", NONE)),
                arguments("{'metadata':{'name':'foo8'},'spec':{'unschedulable':true},"
                                + "'status':{'conditions':[{'type':'InvalidValue','status':'True'}]}}",
                        plain("foo8", "Unknown,SchedulingDisabled", NONE)),
                arguments("{'metadata':{'name':'foo9'},'spec':{'unschedulable':true},'status':{'conditions':[{}]}}",
                        plain("foo9", "Unknown,SchedulingDisabled", NONE)),
                arguments("{'metadata':{'name':'unknown-ready'},'status':{'conditions':[{'type':'Ready','status':'Unknown'}]}}",
                        plain("unknown-ready", "NotReady", NONE)),
                // roles
                arguments("{'metadata':{'name':'foo9'}}", plain("foo9", "Unknown", NONE)),
                arguments("{'metadata':{'name':'foo10','labels':{'node-role.kubernetes.io/master':'',"
                                + "'node-role.kubernetes.io/control-plane':'','node-role.kubernetes.io/proxy':'',"
                                + "'kubernetes.io/role':'node'}}}",
                        plain("foo10", "Unknown", "control-plane,master,node,proxy")),
                arguments("{'metadata':{'name':'foo11','labels':{'kubernetes.io/role':'node'}}}",
                        plain("foo11", "Unknown", "node")),
                arguments("{'metadata':{'name':'empty-role','labels':{'node-role.kubernetes.io/':'x','kubernetes.io/role':''}}}",
                        plain("empty-role", "Unknown", NONE)),
                // names
                arguments("{'metadata':{'name':'127.0.0.1'},'status':{}}", plain("127.0.0.1", "Unknown", NONE)),
                arguments("{'metadata':{'name':''},'status':{}}", plain("", "Unknown", NONE)));
    }

    @ParameterizedTest
    @MethodSource
    void status(String node, List<Object> expected) {
        assertThat(table.cells(json(node), NOW)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> wide() {
        String ext = "'addresses':[{'type':'ExternalIP','address':'1.1.1.1'}]";
        return Stream.of(
                arguments("{'metadata':{'name':'foo1'},'status':{'nodeInfo':{'osImage':'fake-os-image'}," + ext + "}}",
                        List.of("foo1", "Unknown", NONE, U, "", NONE, "1.1.1.1", "fake-os-image", U, U)),
                arguments("{'metadata':{'name':'foo2'},'status':{'nodeInfo':{'kernelVersion':'fake-kernel-version'}," + ext + "}}",
                        List.of("foo2", "Unknown", NONE, U, "", NONE, "1.1.1.1", U, "fake-kernel-version", U)),
                arguments("{'metadata':{'name':'foo1'},'status':{'nodeInfo':{'containerRuntimeVersion':'foo://1.2.3'}," + ext + "}}",
                        List.of("foo1", "Unknown", NONE, U, "", NONE, "1.1.1.1", U, U, "foo://1.2.3")),
                arguments("{'metadata':{'name':'foo2'},'status':{'nodeInfo':{}," + ext + "}}",
                        List.of("foo2", "Unknown", NONE, U, "", NONE, "1.1.1.1", U, U, U)),
                arguments("{'metadata':{'name':'foo2'},'status':{'addresses':[{'type':'InternalIP','address':'1.1.1.1'}]}}",
                        List.of("foo2", "Unknown", NONE, U, "", "1.1.1.1", NONE, U, U, U)),
                arguments("{'metadata':{'name':'foo3'},'status':{'addresses':[{'type':'ExternalIP','address':'2.2.2.2'},"
                                + "{'type':'InternalIP','address':'3.3.3.3'},{'type':'ExternalIP','address':'4.4.4.4'}]}}",
                        List.of("foo3", "Unknown", NONE, U, "", "3.3.3.3", "2.2.2.2", U, U, U)),
                arguments("{'metadata':{'name':'foo3'},'status':{'addresses':[{'type':'InternalIP','address':'2.2.2.2'},"
                                + "{'type':'ExternalIP','address':'3.3.3.3'},{'type':'InternalIP','address':'4.4.4.4'}]}}",
                        List.of("foo3", "Unknown", NONE, U, "", "2.2.2.2", "3.3.3.3", U, U, U)),
                arguments("{'metadata':{'name':'kb-1'," + created(Duration.ofDays(2).plusHours(3)) + "},"
                                + "'status':{'conditions':[{'type':'Ready','status':'True'}],"
                                + "'nodeInfo':{'kubeletVersion':'v1.32.0','osImage':'Ubuntu 24.04','kernelVersion':'6.8.0',"
                                + "'containerRuntimeVersion':'docker://27.3.1'},"
                                + "'addresses':[{'type':'InternalIP','address':'127.0.0.1'},{'type':'Hostname','address':'kb-1'}]}}",
                        List.of("kb-1", "Ready", NONE, "2d3h", "v1.32.0", "127.0.0.1", NONE, "Ubuntu 24.04", "6.8.0",
                                "docker://27.3.1")));
    }

    @ParameterizedTest
    @MethodSource
    void wide(String node, List<Object> expected) {
        assertThat(table.cells(json(node), NOW)).containsExactlyElementsOf(expected);
    }

    @Test
    void columns() {
        assertThat(table.columns()).extracting(TableConvertor.Column::name).containsExactly("Name", "Status", "Roles",
                "Age", "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime");
        assertThat(table.columns()).extracting(TableConvertor.Column::priority).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
    }
}
