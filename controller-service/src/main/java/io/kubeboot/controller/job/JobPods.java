package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubeboot.controller.util.ActivePods;
import io.kubeboot.controller.util.PodConditions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The Job controller's pure pod rules (upstream {@code job_controller.go} and {@code indexed_job_utils.go}). */
public final class JobPods {
    public static final String TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
    public static final String COMPLETION_INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";
    /** PodIndexLabel (GA in 1.32): the same index as a label. */
    public static final String COMPLETION_INDEX_LABEL = "batch.kubernetes.io/job-completion-index";
    public static final String COMPLETION_INDEX_ENV = "JOB_COMPLETION_INDEX";
    public static final int UNKNOWN_INDEX = -1;
    /** Upstream names.MaxGeneratedNameLength: 63 minus the 5 random characters. */
    static final int MAX_GENERATED_NAME_LENGTH = 58;

    private JobPods() {
    }

    public static boolean hasTrackingFinalizer(Pod pod) {
        List<String> f = pod.getMetadata().getFinalizers();
        return f != null && f.contains(TRACKING_FINALIZER);
    }

    public static boolean isIndexed(Job job) {
        return "Indexed".equals(job.getSpec().getCompletionMode());
    }

    /** Upstream {@code getCompletionIndex}: the annotation as a non-negative int, else {@link #UNKNOWN_INDEX}. */
    public static int completionIndex(Pod pod) {
        Map<String, String> a = pod.getMetadata().getAnnotations();
        String v = a == null ? null : a.get(COMPLETION_INDEX_ANNOTATION);
        if (v == null) {
            return UNKNOWN_INDEX;
        }
        try {
            int i = Integer.parseInt(v);
            return i < 0 ? UNKNOWN_INDEX : i;
        } catch (NumberFormatException e) {
            return UNKNOWN_INDEX;
        }
    }

    /** Upstream {@code onlyReplaceFailedPods}: podReplacementPolicy Failed, or a podFailurePolicy. */
    public static boolean onlyReplaceFailedPods(Job job) {
        return "Failed".equals(job.getSpec().getPodReplacementPolicy()) || job.getSpec().getPodFailurePolicy() != null;
    }

    /**
     * Upstream {@code isPodFailed}: phase Failed; or, unless only failed pods are replaced, being deleted without
     * having succeeded (orphans never reach Failed).
     */
    public static boolean isPodFailed(Pod pod, Job job) {
        String phase = PodConditions.phase(pod);
        if ("Failed".equals(phase)) {
            return true;
        }
        if (onlyReplaceFailedPods(job)) {
            return false;
        }
        return pod.getMetadata().getDeletionTimestamp() != null && !"Succeeded".equals(phase);
    }

    /** Upstream {@code controller.CountTerminatingPods}: being deleted and neither Succeeded nor Failed. */
    public static int countTerminating(List<Pod> pods) {
        int n = 0;
        for (Pod p : pods) {
            String phase = PodConditions.phase(p);
            if (p.getMetadata().getDeletionTimestamp() != null && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                n++;
            }
        }
        return n;
    }

    public static int countReady(List<Pod> pods) {
        return (int) pods.stream().filter(PodConditions::isPodReady).count();
    }

    /**
     * Upstream {@code pastBackoffLimitOnFailure}: with restartPolicy OnFailure, the container restarts of running and
     * pending pods count as failures (any restart when backoffLimit is 0).
     */
    public static boolean pastBackoffLimitOnFailure(Job job, List<Pod> pods) {
        var template = job.getSpec().getTemplate();
        if (template == null || template.getSpec() == null || !"OnFailure".equals(template.getSpec().getRestartPolicy())) {
            return false;
        }
        int result = 0;
        for (Pod p : pods) {
            String phase = PodConditions.phase(p);
            if ("Running".equals(phase) || "Pending".equals(phase)) {
                result += restarts(p.getStatus() == null ? null : p.getStatus().getInitContainerStatuses());
                result += restarts(p.getStatus() == null ? null : p.getStatus().getContainerStatuses());
            }
        }
        int limit = backoffLimit(job);
        return limit == 0 ? result > 0 : result >= limit;
    }

    private static int restarts(List<ContainerStatus> statuses) {
        int n = 0;
        if (statuses != null) {
            for (ContainerStatus s : statuses) {
                n += s.getRestartCount() == null ? 0 : s.getRestartCount();
            }
        }
        return n;
    }

    public static int backoffLimit(Job job) {
        return job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
    }

    public static int parallelism(Job job) {
        return job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism();
    }

    /** Upstream {@code calculateSucceededIndexes}: status.completedIndexes plus succeeded, uncounted pods' indexes. */
    public static OrderedIntervals[] succeededIndexes(Job job, List<Pod> pods) {
        int completions = job.getSpec().getCompletions();
        OrderedIntervals prev = OrderedIntervals.parse(job.getStatus() == null ? null : job.getStatus().getCompletedIndexes(), completions);
        Set<Integer> newSucceeded = new TreeSet<>();
        for (Pod p : pods) {
            int ix = completionIndex(p);
            if ("Succeeded".equals(PodConditions.phase(p)) && ix != UNKNOWN_INDEX && ix < completions && hasTrackingFinalizer(p)) {
                newSucceeded.add(ix);
            }
        }
        return new OrderedIntervals[] {prev, prev.withOrderedIndexes(List.copyOf(newSucceeded))};
    }

    /**
     * Upstream {@code firstPendingIndexes}: the lowest {@code count} indexes below {@code completions} that neither
     * succeeded nor have an active pod.
     */
    public static List<Integer> firstPendingIndexes(List<Pod> activePods, OrderedIntervals succeeded, int count, int completions) {
        if (count == 0) {
            return List.of();
        }
        Set<Integer> active = new TreeSet<>();
        for (Pod p : activePods) {
            int ix = completionIndex(p);
            if (ix != UNKNOWN_INDEX) {
                active.add(ix);
            }
        }
        OrderedIntervals nonPending = succeeded.withOrderedIndexes(List.copyOf(active));
        List<Integer> result = new ArrayList<>();
        int candidate = 0;
        for (OrderedIntervals.Interval iv : nonPending.intervals()) {
            for (; candidate < completions && result.size() < count && candidate < iv.first(); candidate++) {
                result.add(candidate);
            }
            if (candidate < iv.last() + 1) {
                candidate = iv.last() + 1;
            }
        }
        for (; candidate < completions && result.size() < count; candidate++) {
            result.add(candidate);
        }
        return result;
    }

    /**
     * Upstream {@code activePodsForRemoval}: for Indexed Jobs first the pods without a valid index or with a
     * repeated one (keeping the best of each index), then as many more as needed in {@link ActivePods} order.
     */
    public static List<Pod> activePodsForRemoval(Job job, List<Pod> pods, int rmAtLeast) {
        List<Pod> rm = new ArrayList<>();
        List<Pod> left = new ArrayList<>();
        if (isIndexed(job)) {
            int completions = job.getSpec().getCompletions();
            List<Pod> sorted = new ArrayList<>(pods);
            sorted.sort(Comparator.comparingInt(JobPods::completionIndex));
            Map<Integer, List<Pod>> byIndex = new LinkedHashMap<>();
            for (Pod p : sorted) {
                int ix = completionIndex(p);
                if (ix >= completions) {
                    rm.add(p);
                    continue;
                }
                byIndex.computeIfAbsent(ix, k -> new ArrayList<>()).add(p);
            }
            for (var e : byIndex.entrySet()) {
                List<Pod> same = e.getValue();
                if (e.getKey() == UNKNOWN_INDEX) {
                    rm.addAll(same);
                } else if (same.size() == 1) {
                    left.add(same.get(0));
                } else {
                    same.sort(ActivePods.ORDER);
                    rm.addAll(same.subList(0, same.size() - 1));
                    left.add(same.get(same.size() - 1));
                }
            }
        } else {
            left.addAll(pods);
        }
        if (rm.size() < rmAtLeast) {
            left.sort(ActivePods.ORDER);
            rm.addAll(left.subList(0, rmAtLeast - rm.size()));
        }
        return rm;
    }

    /** Upstream {@code addCompletionIndexEnvVariables}: JOB_COMPLETION_INDEX from the annotation, in every container. */
    public static void addCompletionIndexEnvVariables(PodTemplateSpec template) {
        if (template.getSpec() == null) {
            return;
        }
        List<Container> all = new ArrayList<>();
        if (template.getSpec().getInitContainers() != null) {
            all.addAll(template.getSpec().getInitContainers());
        }
        if (template.getSpec().getContainers() != null) {
            all.addAll(template.getSpec().getContainers());
        }
        for (Container c : all) {
            if (c.getEnv() != null && c.getEnv().stream().anyMatch(v -> COMPLETION_INDEX_ENV.equals(v.getName()))) {
                continue;
            }
            List<io.fabric8.kubernetes.api.model.EnvVar> env = c.getEnv() == null ? new ArrayList<>() : new ArrayList<>(c.getEnv());
            env.add(new EnvVarBuilder().withName(COMPLETION_INDEX_ENV).withNewValueFrom().withNewFieldRef()
                    .withFieldPath("metadata.annotations['" + COMPLETION_INDEX_ANNOTATION + "']").endFieldRef().endValueFrom().build());
            c.setEnv(env);
        }
    }

    /** The index annotation and label, and hostname {@code <job>-<index>}, on a copy-owned template. */
    public static void setCompletionIndex(PodTemplateSpec template, String jobName, int index) {
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        Map<String, String> annotations = template.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(template.getMetadata().getAnnotations());
        annotations.put(COMPLETION_INDEX_ANNOTATION, Integer.toString(index));
        template.getMetadata().setAnnotations(annotations);
        Map<String, String> labels = template.getMetadata().getLabels() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.put(COMPLETION_INDEX_LABEL, Integer.toString(index));
        template.getMetadata().setLabels(labels);
        if (template.getSpec() != null) {
            template.getSpec().setHostname(jobName + "-" + index);
        }
    }

    /** Upstream {@code podGenerateNameWithIndex}: {@code <job>-<index>-}, the job name cut to fit 58 characters. */
    public static String generateNameWithIndex(String jobName, int index) {
        String appendIndex = "-" + index + "-";
        String prefix = jobName + appendIndex;
        if (prefix.length() > MAX_GENERATED_NAME_LENGTH) {
            prefix = prefix.substring(0, MAX_GENERATED_NAME_LENGTH - appendIndex.length()) + appendIndex;
        }
        return prefix;
    }
}
