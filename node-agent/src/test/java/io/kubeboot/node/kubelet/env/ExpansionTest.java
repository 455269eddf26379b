package io.kubeboot.node.kubelet.env;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases of upstream third_party/forked/golang/expansion expand_test.go. */
class ExpansionTest {
    private static final Map<String, String> CONTEXT = Map.of(
            "VAR_A", "A", "VAR_B", "B", "VAR_C", "C", "VAR_REF", "$(VAR_A)", "VAR_EMPTY", "");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            whole string                 | $(VAR_A)                   | A
            repeat                       | $(VAR_A)-$(VAR_A)          | A-A
            beginning                    | $(VAR_A)-1                 | A-1
            middle                       | ___$(VAR_B)___             | ___B___
            end                          | ___$(VAR_C)                | ___C
            compound                     | $(VAR_A)_$(VAR_B)_$(VAR_C) | A_B_C
            escape & expand              | $$(VAR_B)_$(VAR_A)         | $(VAR_B)_A
            compound escape              | $$(VAR_A)_$$(VAR_B)        | $(VAR_A)_$(VAR_B)
            mixed in escapes             | f000-$$VAR_A               | f000-$VAR_A
            backslash escape ignored     | foo\\$(VAR_C)bar           | foo\\Cbar
            backslash escape ignored 2   | foo\\\\$(VAR_C)bar         | foo\\\\Cbar
            lots of backslashes          | foo\\\\\\\\$(VAR_A)bar     | foo\\\\\\\\Abar
            nested var references        | $(VAR_A$(VAR_B))           | $(VAR_A$(VAR_B))
            nested var references 2      | $(VAR_A$(VAR_B)            | $(VAR_A$(VAR_B)
            value is a reference         | $(VAR_REF)                 | $(VAR_A)
            value is a reference x 2     | %%$(VAR_REF)--$(VAR_REF)%% | %%$(VAR_A)--$(VAR_A)%%
            empty var                    | foo$(VAR_EMPTY)bar         | foobar
            unterminated expression      | foo$(VAR_Awhoops!          | foo$(VAR_Awhoops!
            expression without operator  | f00__(VAR_A)__             | f00__(VAR_A)__
            shell special vars pass thru | $?_boo_$!                  | $?_boo_$!
            bare operators are ignored   | $VAR_A                     | $VAR_A
            undefined vars are passed    | $(VAR_DNE)                 | $(VAR_DNE)
            multiple undefined vars      | $(DNE)$(DNE2)              | $(DNE)$(DNE2)
            escaped operators in a row   | $$$$$$(BIG_MONEY)          | $$$(BIG_MONEY)
            escaped then expanded        | $$$(VAR_A)                 | $A
            trailing incomplete operator | $(VAR_A)$                  | A$
            trailing incomplete expr     | foo$(                      | foo$(
            lone operator                | $                          | $
            escaped lone operator        | $$                         | $
            empty reference              | $()                        | $()
            """)
    void expands(String name, String input, String expected) {
        assertThat(Expansion.expand(input, Expansion.mappingFor(CONTEXT))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            later entry wins | A=1,A=2   | A | 2
            no value         | A         | A | ''
            value with equal | A=b=c     | A | b=c
            """)
    void envMap(String name, String entries, String key, String expected) {
        assertThat(Expansion.envMap(java.util.List.of(entries.split(",")))).containsEntry(key, expected);
    }
}
