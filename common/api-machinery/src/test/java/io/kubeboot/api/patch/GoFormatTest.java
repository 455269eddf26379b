package io.kubeboot.api.patch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.kubeboot.api.patch.JsonMergePatchTest.j;
import static org.assertj.core.api.Assertions.assertThat;

/** Go fmt output of decoded JSON, as it appears inside kube-apiserver patch errors. */
class GoFormatTest {

    @ParameterizedTest
    @CsvSource({"1.5,1.5", "1000000.0,1e+06", "100000.0,100000", "0.0001,0.0001", "0.00001,1e-05",
            "123456789.0,1.23456789e+08", "-2.5,-2.5", "1e21,1e+21", "1e20,1e+20"})
    void float64LikeGo(double value, String expected) {
        assertThat(GoFormat.float64(value)).isEqualTo(expected);
    }

    @Test
    void valuesLikePercentV() {
        assertThat(GoFormat.v(j("{'b':[1,'x',true,null],'a':{'c':2.5}}")))
                .isEqualTo("map[a:map[c:2.5] b:[1 x true <nil>]]");
        assertThat(GoFormat.v(j("null"))).isEqualTo("<nil>");
    }

    @Test
    void percentSAndTypeNames() {
        assertThat(GoFormat.s(j("'delete'"))).isEqualTo("delete");
        assertThat(GoFormat.s(j("true"))).isEqualTo("%!s(bool=true)");
        assertThat(GoFormat.s(j("1.5"))).isEqualTo("%!s(float64=1.5)");
        assertThat(GoFormat.s(j("null"))).isEqualTo("%!s(<nil>)");
        assertThat(GoFormat.typeName(j("{}"))).isEqualTo("map[string]interface {}");
        assertThat(GoFormat.typeName(j("[]"))).isEqualTo("[]interface {}");
        assertThat(GoFormat.typeName(j("7"))).isEqualTo("int64");
        assertThat(GoFormat.typeName(j("7.5"))).isEqualTo("float64");
    }
}
