package io.kubeboot.node.kubelet.doubles;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.status.PodStatusWriter;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the patches and deletions the status manager would send. */
public final class StatusWriterDouble implements PodStatusWriter {
    public final List<String> patches = new CopyOnWriteArrayList<>();
    public final List<String> deleted = new CopyOnWriteArrayList<>();

    @Override
    public Result patchStatus(Pod pod, String mergePatch) {
        patches.add(mergePatch);
        return Result.OK;
    }

    @Override
    public Optional<Pod> read(Pod pod) {
        return Optional.of(pod);
    }

    @Override
    public Result delete(Pod pod) {
        deleted.add(pod.getMetadata().getUid());
        return Result.OK;
    }
}
