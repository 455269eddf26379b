package io.kubeboot.node.network;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EgressGuardTest {
    /** Answers commands from a script and records them. */
    static final class ScriptedCommands implements CommandRunner {
        final List<List<String>> ran = new ArrayList<>();
        final Deque<Object> answers = new ArrayDeque<>();

        ScriptedCommands answer(Object... results) {
            answers.addAll(List.of(results));
            return this;
        }

        @Override
        public Result run(List<String> command) throws IOException {
            ran.add(command);
            Object next = answers.isEmpty() ? new Result(1, "") : answers.poll();
            if (next instanceof IOException e) {
                throw e;
            }
            return (Result) next;
        }
    }

    private static final List<String> RULE = List.of("-s", "10.244.0.0/16", "!", "-d", "10.244.0.0/16", "-m",
            "comment", "--comment", "kubeboot: pods stay on this machine", "-j", "DROP");

    private static List<String> iptables(String op) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "5", op, "DOCKER-USER"));
        command.addAll(RULE);
        return command;
    }

    @Test
    void presentRuleIsNotInsertedAgain() {
        ScriptedCommands commands = new ScriptedCommands().answer(new CommandRunner.Result(0, ""));
        assertThat(new EgressGuard(commands, "10.244.0.0/16").ensure()).isTrue();
        assertThat(commands.ran).containsExactly(iptables("-C"));
    }

    @Test
    void missingRuleIsInsertedAtTheTop() {
        ScriptedCommands commands = new ScriptedCommands()
                .answer(new CommandRunner.Result(1, "iptables: Bad rule"), new CommandRunner.Result(0, ""));
        assertThat(new EgressGuard(commands, "10.244.0.0/16").ensure()).isTrue();
        assertThat(commands.ran).containsExactly(iptables("-C"), iptables("-I"));
    }

    @Test
    void missingChainOrFailedInsertIsReported() {
        ScriptedCommands commands = new ScriptedCommands().answer(
                new CommandRunner.Result(2, "iptables: No chain/target/match by that name."),
                new CommandRunner.Result(1, "iptables: No chain/target/match by that name."));
        assertThat(new EgressGuard(commands, "10.244.0.0/16").ensure()).isFalse();
    }

    @Test
    void missingIptablesIsReportedNotThrown() {
        ScriptedCommands commands = new ScriptedCommands().answer(new IOException("Cannot run program \"iptables\""));
        assertThat(new EgressGuard(commands, "10.244.0.0/16").ensure()).isFalse();
        assertThat(commands.ran).hasSize(1);
    }

    @Test
    void ruleUsesTheNormalisedCidr() {
        ScriptedCommands commands = new ScriptedCommands().answer(new CommandRunner.Result(0, ""));
        new EgressGuard(commands, "10.244.7.1/16").ensure();
        assertThat(commands.ran.get(0)).containsSequence("-s", "10.244.0.0/16", "!", "-d", "10.244.0.0/16");
    }

    @Test
    void removeDeletesEveryCopy() {
        ScriptedCommands commands = new ScriptedCommands().answer(new CommandRunner.Result(0, ""),
                new CommandRunner.Result(0, ""), new CommandRunner.Result(1, "Bad rule"));
        assertThat(new EgressGuard(commands, "10.244.0.0/16").remove()).isEqualTo(2);
        assertThat(commands.ran).containsOnly(iptables("-D"));
    }
}
