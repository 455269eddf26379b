package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.kubeboot.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/** labels.FormatLabels, metav1.FormatLabelSelector and LabelSelectorAsSelector(...).String() semantics. */
class LabelsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                   | <none>",
            "{'b':'2','a':'1'}                    | a=1,b=2",
            "{'app':''}                           | app=",
            "{'k8s.io/x':'y','app':'nginx'}       | app=nginx,k8s.io/x=y",
    })
    void formatLabels(String labels, String expected) {
        assertThat(Labels.format(json(labels))).isEqualTo(expected);
    }

    @Test
    void formatLabelsOfMissingMap() {
        assertThat(Labels.format(MissingNode.getInstance())).isEqualTo("<none>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // selector                                                                     | FormatLabelSelector        | String()
            "{}                                                                             | <none>                     | ''",
            "{'matchLabels':{}}                                                             | <none>                     | ''",
            "{'matchLabels':{'foo':'bar'}}                                                  | foo=bar                    | foo=bar",
            "{'matchLabels':{'z':'1','a':'2'}}                                              | a=2,z=1                    | a=2,z=1",
            "{'matchExpressions':[{'key':'env','operator':'In','values':['prod']}]}         | env in (prod)              | env in (prod)",
            "{'matchExpressions':[{'key':'env','operator':'NotIn','values':['b','a']}]}     | env notin (a,b)            | env notin (a,b)",
            "{'matchExpressions':[{'key':'env','operator':'Exists'}]}                       | env                        | env",
            "{'matchExpressions':[{'key':'env','operator':'DoesNotExist','values':[]}]}     | !env                       | !env",
            "{'matchLabels':{'x':'1'},'matchExpressions':[{'key':'a','operator':'Exists'}]} | a,x=1                      | a,x=1",
            "{'matchExpressions':[{'key':'env','operator':'Near'}]}                         | <error>                    | <invalid>",
            "{'matchExpressions':[{'key':'env','operator':'In','values':[]}]}               | <error>                    | <invalid>",
            "{'matchExpressions':[{'key':'env','operator':'Exists','values':['x']}]}        | <error>                    | <invalid>",
    })
    void selectors(String selector, String formatted, String string) {
        assertThat(Labels.formatSelector(json(selector))).isEqualTo(formatted);
        assertThat(Labels.selectorString(json(selector)).orElse("<invalid>")).isEqualTo(string);
    }

    @Test
    void missingSelectorMatchesNothingAndPrintsEmpty() {
        assertThat(Labels.selectorString(MissingNode.getInstance())).contains("");
        assertThat(Labels.formatSelector(MissingNode.getInstance())).isEqualTo("<none>");
    }
}
