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
 * Cases of upstream TestPrintService and TestPrintServiceLoadBalancer. The server always builds wide
 * rows, so where upstream's narrow case clips a long load balancer list ("2.3.4.5,3.4.5...") the
 * full list is expected here, as upstream's wide case shows.
 */
class ServiceTableTest {
    private static final String U = "<unknown>";
    private static final String NONE = "<none>";
    private final ServiceTable table = new ServiceTable();

    static Stream<Arguments> printService() {
        return Stream.of(
                arguments("cluster IP, port with protocol",
                        "{'metadata':{'name':'test1'},'spec':{'type':'ClusterIP','ports':[{'protocol':'tcp','port':2233}],"
                                + "'clusterIPs':['10.9.8.7'],'selector':{'foo':'bar'}}}",
                        List.of("test1", "ClusterIP", "10.9.8.7", NONE, "2233/tcp", U, "foo=bar")),
                arguments("node port",
                        "{'metadata':{'name':'test2'},'spec':{'type':'NodePort','ports':[{'protocol':'tcp','port':8888,'nodePort':9999}],"
                                + "'clusterIPs':['10.9.8.7']}}",
                        List.of("test2", "NodePort", "10.9.8.7", NONE, "8888:9999/tcp", U, NONE)),
                arguments("load balancer pending",
                        "{'metadata':{'name':'test3'},'spec':{'type':'LoadBalancer','ports':[{'protocol':'tcp','port':8888}],"
                                + "'clusterIPs':['10.9.8.7']}}",
                        List.of("test3", "LoadBalancer", "10.9.8.7", "<pending>", "8888/tcp", U, NONE)),
                arguments("load balancer with an external IP and no status",
                        "{'metadata':{'name':'test4'},'spec':{'type':'LoadBalancer','ports':[{'protocol':'tcp','port':8888}],"
                                + "'clusterIPs':['10.9.8.7'],'externalIPs':['80.11.12.10']}}",
                        List.of("test4", "LoadBalancer", "10.9.8.7", "80.11.12.10", "8888/tcp", U, NONE)),
                arguments("load balancer ingress before external IPs, IP preferred over hostname",
                        "{'metadata':{'name':'test5'},'spec':{'type':'LoadBalancer','ports':[{'protocol':'tcp','port':8888}],"
                                + "'clusterIPs':['10.9.8.7'],'externalIPs':['80.11.12.10']},"
                                + "'status':{'loadBalancer':{'ingress':[{'ip':'3.4.5.6','hostname':'test.cluster.com'}]}}}",
                        List.of("test5", "LoadBalancer", "10.9.8.7", "3.4.5.6,80.11.12.10", "8888/tcp", U, NONE)),
                arguments("load balancer with several ingresses and external IPs",
                        "{'metadata':{'name':'test6'},'spec':{'type':'LoadBalancer','ports':[{'protocol':'tcp','port':8888}],"
                                + "'clusterIPs':['10.9.8.7'],'externalIPs':['80.11.12.10','80.11.12.11']},"
                                + "'status':{'loadBalancer':{'ingress':[{'ip':'2.3.4.5','hostname':'test.cluster.local'},"
                                + "{'ip':'3.4.5.6','hostname':'test.cluster.com'}]}}}",
                        List.of("test6", "LoadBalancer", "10.9.8.7", "2.3.4.5,3.4.5.6,80.11.12.10,80.11.12.11", "8888/tcp", U, NONE)),
                arguments("external name",
                        "{'metadata':{'name':'test7'},'spec':{'type':'ExternalName','externalName':'my.database.example.com'}}",
                        List.of("test7", "ExternalName", NONE, "my.database.example.com", NONE, U, NONE)),
                arguments("load balancer, two ingress IPs",
                        "{'metadata':{'name':'service1'},'spec':{'clusterIPs':['1.2.3.4'],'type':'LoadBalancer',"
                                + "'ports':[{'port':80,'protocol':'TCP'}]},"
                                + "'status':{'loadBalancer':{'ingress':[{'ip':'2.3.4.5'},{'ip':'3.4.5.6'}]}}}",
                        List.of("service1", "LoadBalancer", "1.2.3.4", "2.3.4.5,3.4.5.6", "80/TCP", U, NONE)),
                arguments("load balancer pending, many protocols",
                        "{'metadata':{'name':'service2'},'spec':{'clusterIPs':['1.3.4.5'],'type':'LoadBalancer',"
                                + "'ports':[{'port':80,'protocol':'TCP'},{'port':8090,'protocol':'UDP'},{'port':8000,'protocol':'TCP'},"
                                + "{'port':7777,'protocol':'SCTP'}]}}",
                        List.of("service2", "LoadBalancer", "1.3.4.5", "<pending>", "80/TCP,8090/UDP,8000/TCP,7777/SCTP", U, NONE)),
                arguments("long load balancer list is not clipped in the wide form",
                        "{'metadata':{'name':'service4'},'spec':{'clusterIPs':['1.5.6.7'],'type':'LoadBalancer',"
                                + "'ports':[{'port':80,'protocol':'TCP'},{'port':8090,'protocol':'UDP'},{'port':8000,'protocol':'TCP'}],"
                                + "'selector':{'foo':'bar'}},"
                                + "'status':{'loadBalancer':{'ingress':[{'ip':'2.3.4.5'},{'ip':'3.4.5.6'},"
                                + "{'ip':'5.6.7.8','hostname':'host5678'}]}}}",
                        List.of("service4", "LoadBalancer", "1.5.6.7", "2.3.4.5,3.4.5.6,5.6.7.8", "80/TCP,8090/UDP,8000/TCP", U,
                                "foo=bar")),
                arguments("hostname-only ingresses are sorted and de-duplicated",
                        "{'metadata':{'name':'lb'},'spec':{'clusterIPs':['10.0.0.1'],'type':'LoadBalancer','ports':[{'port':80,'protocol':'TCP'}]},"
                                + "'status':{'loadBalancer':{'ingress':[{'hostname':'b.example'},{'hostname':'a.example'},{'ip':'9.9.9.9'},"
                                + "{'hostname':'a.example'}]}}}",
                        List.of("lb", "LoadBalancer", "10.0.0.1", "9.9.9.9,a.example,b.example", "80/TCP", U, NONE)),
                arguments("kubectl expose: node port, two selector labels sorted, age",
                        "{'metadata':{'name':'web'," + created(Duration.ofMinutes(3).plusSeconds(12)) + "},"
                                + "'spec':{'type':'NodePort','clusterIP':'10.96.0.10','clusterIPs':['10.96.0.10'],"
                                + "'ports':[{'port':80,'protocol':'TCP','nodePort':30080},{'port':443,'protocol':'TCP','nodePort':0}],"
                                + "'selector':{'tier':'web','app':'nginx'}}}",
                        List.of("web", "NodePort", "10.96.0.10", NONE, "80:30080/TCP,443/TCP", "3m12s", "app=nginx,tier=web")),
                arguments("headless: clusterIP None",
                        "{'metadata':{'name':'db'},'spec':{'type':'ClusterIP','clusterIP':'None','clusterIPs':['None'],"
                                + "'ports':[{'port':5432,'protocol':'TCP'}]}}",
                        List.of("db", "ClusterIP", "None", NONE, "5432/TCP", U, NONE)),
                arguments("cluster IP without clusterIPs and no ports, external IPs",
                        "{'metadata':{'name':'x'},'spec':{'type':'ClusterIP','clusterIP':'10.0.0.5','externalIPs':['1.1.1.1','2.2.2.2']}}",
                        List.of("x", "ClusterIP", "10.0.0.5", "1.1.1.1,2.2.2.2", NONE, U, NONE)),
                arguments("no type at all",
                        "{'metadata':{'name':'odd'},'spec':{}}",
                        List.of("odd", "", NONE, U, NONE, U, NONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void printService(String name, String service, List<Object> expected) {
        assertThat(table.cells(json(service), NOW)).containsExactlyElementsOf(expected);
    }

    @Test
    void columns() {
        assertThat(table.columns()).extracting(TableConvertor.Column::name).containsExactly(
                "Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector");
        assertThat(table.columns()).extracting(TableConvertor.Column::priority).containsExactly(0, 0, 0, 0, 0, 0, 1);
    }
}
