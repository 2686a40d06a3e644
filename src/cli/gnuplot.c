/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gnuplot.c - running gnuplot for chart and report (see gnuplot.h).
 */
#include "gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "indicators/chart.h"

#ifndef INDICATORS_DATADIR
#define INDICATORS_DATADIR "/usr/local/share/indicators"
#endif

extern char **environ;

void gp_print_lines(const char *prefix, const char *text)
{
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        if (len)
            cli_eprintf("%s%.*s\n", prefix, (int)len, p);
        p += len + (p[len] == '\n');
    }
}

/* Everything in f from the start, at most n - 1 bytes. */
static void slurp(FILE *f, char *buf, size_t n)
{
    rewind(f);
    size_t got = fread(buf, 1, n - 1, f);
    buf[got] = '\0';
}

int gp_write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t put = write(fd, text, len);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return put < 0 ? errno : EIO;
        text += put;
        len -= (size_t)put;
    }
    return 0;
}

int gp_spawn(const char *script_path, gp_sink sink, void *ctx, int *sink_error, char *msg,
             size_t n)
{
    char prog[] = "gnuplot";
    char *path = strdup(script_path);
    FILE *errf = tmpfile();
    int status = -1, saved = ENOMEM, pipe_fd[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    msg[0] = '\0';
    *sink_error = 0;
    if (!path || !errf)
        goto out;
    if (pipe(pipe_fd) != 0) {
        saved = errno;
        goto out;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, pipe_fd[1], 1);
    posix_spawn_file_actions_adddup2(&fa, fileno(errf), 2);
    posix_spawn_file_actions_addclose(&fa, pipe_fd[0]);
    posix_spawn_file_actions_addclose(&fa, pipe_fd[1]);
    char *args[] = {prog, path, NULL};
    pid_t pid;
    int rc = posix_spawnp(&pid, prog, &fa, NULL, args, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pipe_fd[1]);
    pipe_fd[1] = -1;
    if (rc != 0) {
        saved = rc;
        goto out;
    }
    /* copy the output until gnuplot closes its stdout; after a failed write keep
       reading, so that gnuplot finishes instead of blocking on a full pipe */
    char chunk[65536];
    for (;;) {
        ssize_t got = read(pipe_fd[0], chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        if (!*sink_error)
            *sink_error = sink(ctx, chunk, (size_t)got);
    }
    int ws;
    while (waitpid(pid, &ws, 0) < 0) {
        if (errno != EINTR) {
            saved = errno;
            goto out;
        }
    }
    slurp(errf, msg, n);
    status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
out:
    for (int k = 0; k < 2; k++)
        if (pipe_fd[k] >= 0)
            close(pipe_fd[k]);
    if (errf)
        fclose(errf);
    free(path);
    if (status < 0)
        errno = saved;
    return status;
}

int gp_write_script(const char *cmd, const char *script, char *path, size_t n)
{
    const char *tmpdir = getenv("TMPDIR");
    const char *dir = tmpdir && *tmpdir ? tmpdir : "/tmp";
    snprintf(path, n, "%s/indicators-chart-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        int e = errno;
        cli_eprintf("indicators %s: error: cannot create a temporary script in %s: %s\n", cmd, dir,
                    strerror(e));
        return e;
    }
    int e = gp_write_all(fd, script, strlen(script));
    if (close(fd) != 0 && !e)
        e = errno;
    if (e) {
        cli_eprintf("%s: error: cannot write: %s\n", path, strerror(e));
        unlink(path);
    }
    return e;
}

int gp_missing(const char *cmd)
{
    cli_eprintf("indicators %s: error: gnuplot is not installed (not found on PATH).\n", cmd);
    fputs("  Install it with:  apt-get install gnuplot-nox   (Debian, Ubuntu)\n"
          "                    dnf install gnuplot           (Fedora)\n"
          "                    brew install gnuplot          (macOS)\n",
          stderr);
    return EXIT_DATA;
}

int gp_templates_dir(char *dir, size_t n)
{
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[len > 0 ? len : 0] = '\0';
    ind_error err;
    ind_error_clear(&err);
    if (ind_chart_find_templates(getenv("INDICATORS_SCRIPTS"), len > 0 ? exe : NULL,
                                 INDICATORS_DATADIR, dir, n, &err) != IND_OK) {
        cli_report(&err);
        return EXIT_DATA;
    }
    return EXIT_OK;
}
