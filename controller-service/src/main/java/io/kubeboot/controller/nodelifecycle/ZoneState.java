package io.kubeboot.controller.nodelifecycle;

/** Upstream {@code ZoneState}: how disrupted a zone's nodes are, which sets its tainting rate. */
enum ZoneState {
    INITIAL("Initial"),
    NORMAL("Normal"),
    FULL_DISRUPTION("FullDisruption"),
    PARTIAL_DISRUPTION("PartialDisruption");

    private final String text;

    ZoneState(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
