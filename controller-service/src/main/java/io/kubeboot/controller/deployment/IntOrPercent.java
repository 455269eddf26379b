package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;

/** Upstream {@code intstr.GetScaledValueFromIntOrPercent} and {@code ValueOrDefault}. Pure. */
final class IntOrPercent {
    private IntOrPercent() {
    }

    /**
     * An int as is; a percentage ("25%") of {@code total}, rounded up or down. Any other string fails with
     * upstream's message, e.g. {@code invalid value for IntOrString: invalid type: string is not a percentage}.
     */
    static int scaledValue(IntOrString v, int total, boolean roundUp) {
        if (v == null) {
            throw new IllegalArgumentException("nil value for IntOrString");
        }
        if (v.getStrVal() == null) {
            return v.getIntVal() == null ? 0 : v.getIntVal();
        }
        String s = v.getStrVal();
        if (!s.endsWith("%")) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage");
        }
        int percent;
        try {
            percent = Integer.parseInt(s.substring(0, s.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid value \"" + s
                    + "\": strconv.Atoi: parsing \"" + s.substring(0, s.length() - 1) + "\": invalid syntax");
        }
        double scaled = (double) percent * total / 100;
        return (int) (roundUp ? Math.ceil(scaled) : Math.floor(scaled));
    }

    static IntOrString orDefault(IntOrString v, IntOrString def) {
        return v == null ? def : v;
    }
}
