/* Stand-in for polinux/stress's "stress --vm N --vm-bytes SIZE --vm-hang S": N workers each allocate SIZE bytes,
 * touch every page (so the memory is really used and counted by the cgroup), then hold it. Only what the
 * Kubernetes memory example uses; other options are refused. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static long parse_size(const char *s) {
    char *end;
    long v = strtol(s, &end, 10);
    switch (*end) {
        case 'K': case 'k': return v * 1024L;
        case 'M': case 'm': return v * 1024L * 1024L;
        case 'G': case 'g': return v * 1024L * 1024L * 1024L;
        default: return v;
    }
}

static void on_stop(int sig) { (void) sig; kill(0, SIGKILL); _exit(0); }

int main(int argc, char **argv) {
    int workers = 1;
    long bytes = 256L * 1024 * 1024;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--vm") && i + 1 < argc) workers = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--vm-bytes") && i + 1 < argc) bytes = parse_size(argv[++i]);
        else if (!strcmp(argv[i], "--vm-hang") && i + 1 < argc) i++;
        else { fprintf(stderr, "stress: unsupported option %s\n", argv[i]); return 1; }
    }
    signal(SIGTERM, on_stop);
    printf("stress: info: [%d] dispatching hogs: 0 cpu, 0 io, %d vm, 0 hdd\n", getpid(), workers);
    fflush(stdout);
    for (int w = 0; w < workers; w++) {
        if (fork() == 0) {
            char *p = malloc(bytes);
            if (!p) { fprintf(stderr, "stress: FAIL: malloc %ld\n", bytes); _exit(1); }
            for (long off = 0; off < bytes; off += 4096) p[off] = 'x';
            for (;;) pause();
        }
    }
    int status;
    while (wait(&status) > 0) {
        if (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status))) {
            fprintf(stderr, "stress: FAIL: worker ended (status %d)\n", status);
            return 1;
        }
    }
    return 0;
}
