/* The sandbox ("pause") container's process: holds the pod's network namespace and exits on SIGTERM/SIGINT,
 * as registry.k8s.io/pause does. It also reaps zombies, being PID 1 of nothing else here. */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_stop(int sig) { (void) sig; _exit(0); }
static void on_child(int sig) { (void) sig; while (waitpid(-1, NULL, WNOHANG) > 0) { } }

int main(void) {
    signal(SIGTERM, on_stop);
    signal(SIGINT, on_stop);
    signal(SIGCHLD, on_child);
    for (;;) pause();
}
