package io.kubeboot.node.kubelet.prober;

import io.kubeboot.node.runtime.UnsupportedRuntime;
import io.kubeboot.node.runtime.ExecResult;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** A runtime whose exec answers come from a script (one per call, the last repeating); everything else is unsupported. */
class ScriptedExecRuntime extends UnsupportedRuntime {
    record Call(String containerId, List<String> command, Duration timeout) {
    }

    private final Deque<Supplier<ExecResult>> script = new ArrayDeque<>();
    final List<Call> calls = new ArrayList<>();

    ScriptedExecRuntime then(ExecResult result) {
        script.add(() -> result);
        return this;
    }

    ScriptedExecRuntime thenThrow(RuntimeException e) {
        script.add(() -> {
            throw e;
        });
        return this;
    }

    @Override
    public synchronized ExecResult exec(String containerId, List<String> command, Duration timeout) {
        calls.add(new Call(containerId, command, timeout));
        Supplier<ExecResult> next = script.size() > 1 ? script.poll() : script.peek();
        if (next == null) {
            throw new IllegalStateException("no scripted exec result");
        }
        return next.get();
    }

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public String version() {
        return "scripted://0";
    }
}
