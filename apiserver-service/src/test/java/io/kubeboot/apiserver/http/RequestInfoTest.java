package io.kubeboot.apiserver.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Path parsing as upstream's RequestInfoFactory, one row per URL shape clients send. */
class RequestInfoTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // method | path | watch param | verb | group | version | namespace | resource | name | subresource
            "GET    | /api/v1/pods                                   | false | list             | ''   | v1 | ''  | pods        | ''  | ''",
            "GET    | /api/v1/namespaces/ns/pods                     | false | list             | ''   | v1 | ns  | pods        | ''  | ''",
            "GET    | /api/v1/namespaces/ns/pods                     | true  | watch            | ''   | v1 | ns  | pods        | ''  | ''",
            "GET    | /api/v1/watch/namespaces/ns/pods               | false | watch            | ''   | v1 | ns  | pods        | ''  | ''",
            "GET    | /api/v1/namespaces/ns/pods/p                   | false | get              | ''   | v1 | ns  | pods        | p   | ''",
            "GET    | /api/v1/namespaces/ns/pods/p/log               | false | get              | ''   | v1 | ns  | pods        | p   | log",
            "POST   | /api/v1/namespaces/ns/pods/p/binding           | false | create           | ''   | v1 | ns  | pods        | p   | binding",
            "PUT    | /api/v1/namespaces/ns/pods/p/status            | false | update           | ''   | v1 | ns  | pods        | p   | status",
            "GET    | /api/v1/namespaces                             | false | list             | ''   | v1 | ''  | namespaces  | ''  | ''",
            "GET    | /api/v1/namespaces/ns                          | false | get              | ''   | v1 | ''  | namespaces  | ns  | ''",
            "PUT    | /api/v1/namespaces/ns/finalize                 | false | update           | ''   | v1 | ''  | namespaces  | ns  | finalize",
            "PATCH  | /api/v1/namespaces/ns/status                   | false | patch            | ''   | v1 | ''  | namespaces  | ns  | status",
            "PATCH  | /apis/apps/v1/namespaces/ns/deployments/d/scale | false | patch           | apps | v1 | ns  | deployments | d   | scale",
            "DELETE | /apis/apps/v1/namespaces/ns/deployments        | false | deletecollection | apps | v1 | ns  | deployments | ''  | ''",
            "DELETE | /apis/apps/v1/namespaces/ns/deployments/d      | false | delete           | apps | v1 | ns  | deployments | d   | ''",
            "GET    | /apis/coordination.k8s.io/v1/leases            | false | list             | coordination.k8s.io | v1 | '' | leases | '' | ''",
            "GET    | /api/v1/nodes/n1/                              | false | get              | ''   | v1 | ''  | nodes       | n1  | ''",
    })
    void parsesResourceRequests(String method, String path, boolean watch, String verb, String group, String version,
                                String namespace, String resource, String name, String subresource) {
        RequestInfo ri = RequestInfo.parse(method, path, watch);
        assertThat(ri.resourceRequest()).isTrue();
        assertThat(ri.verb()).isEqualTo(verb);
        assertThat(ri.group()).isEqualTo(group);
        assertThat(ri.version()).isEqualTo(version);
        assertThat(ri.namespace()).isEqualTo(namespace);
        assertThat(ri.resource()).isEqualTo(resource);
        assertThat(ri.name()).isEqualTo(name);
        assertThat(ri.subresource()).isEqualTo(subresource);
    }

    @ParameterizedTest
    @CsvSource({"/api", "/apis", "/api/v1", "/apis/apps", "/apis/apps/v1", "/version", "/"})
    void discoveryPathsAreNotResourceRequests(String path) {
        assertThat(RequestInfo.parse("GET", path, false).resourceRequest()).isFalse();
    }
}
