package io.kubeboot.controller.manager;

import java.util.List;

/** Upstream {@code IsControllerEnabled}: which controllers {@code --controllers} turns on. */
public final class ControllerSelection {
    private ControllerSelection() {
    }

    /**
     * The first entry naming the controller decides ("foo" on, "-foo" off); otherwise it is on when the list has
     * "*" and the controller is not disabled by default.
     */
    public static boolean isEnabled(String name, boolean disabledByDefault, List<String> controllers) {
        boolean star = false;
        for (String c : controllers) {
            if (c.equals(name)) {
                return true;
            }
            if (c.equals("-" + name)) {
                return false;
            }
            if (c.equals("*")) {
                star = true;
            }
        }
        return star && !disabledByDefault;
    }
}
