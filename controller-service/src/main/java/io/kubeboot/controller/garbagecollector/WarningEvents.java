package io.kubeboot.controller.garbagecollector;

import io.fabric8.kubernetes.api.model.ObjectReference;

/** Where the garbage collector's Warning events go (the event recorder of "garbage-collector-controller"). */
@FunctionalInterface
interface WarningEvents {
    void warning(ObjectReference involvedObject, String reason, String message);
}
