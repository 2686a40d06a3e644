/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_chart.c - libFuzzer target for the gnuplot script writer: whatever
 * the texts of a chart hold, the script gnuplot runs must never run a
 * command, and must be a script gnuplot accepts.
 *
 * The input is split at 0x1F bytes into the series name, entity, unit and
 * label, --title, --ylabel, --font and the output file's name; its first
 * byte picks the kind. Every "CMD" in them becomes `touch MARKER` (a file in
 * a fresh directory), so the corpus plants commands in every way gnuplot
 * could be made to run them (!CMD, system("CMD"), `CMD`, a line break and
 * EOD before them ...). The series are built directly, not loaded, so the
 * writer sees control characters the loader would have removed. The script
 * is run by the real gnuplot (SVG, 200x200 pixels); the target aborts when
 * the marker exists or gnuplot fails.
 *
 * Build: CC=clang meson setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined
 *        -Db_lundef=false && ninja -C build-fuzz tests/fuzz_chart
 * Run:   nice -n 19 build-fuzz/tests/fuzz_chart -max_total_time=600 -max_len=2048 \
 *            -dict=tests/fuzz/chart.dict tests/fuzz/corpus-chart
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "indicators/chart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern char **environ;

enum { NAME, ENTITY, UNIT, LABEL, TITLE, YLABEL, FONT, OUTPUT, NFIELDS };

static char dir[64];
static char marker[96];

/* Field k of the input, "CMD" replaced by the marker command (malloc'd). */
static char *field(const uint8_t *data, size_t size, int k)
{
    size_t start = 0;
    for (int i = 0; i < k; i++) {
        const uint8_t *sep = memchr(data + start, 0x1f, size - start);
        if (!sep)
            return strdup("");
        start = (size_t)(sep - data) + 1;
    }
    const uint8_t *sep = memchr(data + start, 0x1f, size - start);
    size_t len = sep ? (size_t)(sep - data) - start : size - start;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "touch %s", marker);
    char *out = malloc(len * strlen(cmd) + 1), *o = out;
    for (size_t i = 0; i < len; i++) {
        if (i + 3 <= len && memcmp(data + start + i, "CMD", 3) == 0) {
            o += sprintf(o, "%s", cmd);
            i += 2;
        } else {
            *o++ = data[start + i] ? (char)data[start + i] : ' '; /* a C string ends at NUL */
        }
    }
    *o = '\0';
    return out;
}

static int run_gnuplot(const char *script)
{
    char path[128];
    snprintf(path, sizeof path, "%s/chart.gp", dir);
    FILE *f = fopen(path, "wb");
    if (!f || fputs(script, f) == EOF || fclose(f) != 0)
        abort();
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    char errpath[128];
    snprintf(errpath, sizeof errpath, "%s/gnuplot.err", dir);
    posix_spawn_file_actions_addopen(&fa, 2, errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    char prog[] = "gnuplot";
    char *argv[] = {prog, path, NULL};
    pid_t pid;
    if (posix_spawnp(&pid, prog, &fa, NULL, argv, environ) != 0)
        abort();
    posix_spawn_file_actions_destroy(&fa);
    int status;
    if (waitpid(pid, &status, 0) < 0)
        abort();
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/fuzz-chart-XXXXXX");
        if (!mkdtemp(dir))
            abort();
        snprintf(marker, sizeof marker, "%s/marker", dir);
    }
    if (size == 0)
        return 0;
    char *f[NFIELDS];
    for (int k = 0; k < NFIELDS; k++)
        f[k] = field(data + 1, size - 1, k);

    /* two series of one indicator (entity and entity + " 2"), 2018..2023 */
    int32_t ord[6] = {2018, 2019, 2020, 2021, 2022, 2023};
    double v1[6] = {1, 1.5, 2, 2.5, 3, 3.5}, v2[6] = {2, 2.2, 2.1, 2.6, 2.9, 3.3};
    size_t elen = strlen(f[ENTITY]);
    char *entity2 = malloc(elen + 3);
    memcpy(entity2, f[ENTITY], elen);
    memcpy(entity2 + elen, " 2", 3);
    ind_series s[2];
    memset(s, 0, sizeof s);
    for (int i = 0; i < 2; i++) {
        s[i].name = f[NAME];
        s[i].entity = i ? entity2 : f[ENTITY];
        s[i].unit = f[UNIT];
        s[i].label = f[LABEL];
        s[i].freq = IND_FREQ_YEAR;
        s[i].n = 6;
        s[i].ord = ord;
        s[i].value = i ? v2 : v1;
    }
    const ind_series *list[2] = {&s[0], &s[1]};

    /* the output: a file of the fuzzed name in the fresh directory */
    char out[256];
    size_t olen = strlen(f[OUTPUT]);
    for (size_t i = 0; i < olen; i++) /* a name, not a path; control characters are refused */
        if (f[OUTPUT][i] == '/' || (unsigned char)f[OUTPUT][i] < 0x20 || f[OUTPUT][i] == 0x7f)
            f[OUTPUT][i] = '_';
    snprintf(out, sizeof out, "%s/%.100s.svg", dir, f[OUTPUT]);

    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.kind = (ind_chart_kind)(data[0] % 4);
    opt.format = IND_CHART_SVG;
    opt.width = opt.height = 200;
    opt.output = out;
    opt.title = data[0] & 4 ? f[TITLE] : NULL;
    opt.ylabel = data[0] & 8 ? f[YLABEL] : NULL;
    opt.font = data[0] & 16 ? f[FONT] : NULL;
    opt.command = f[TITLE];
    ind_chart_target target = {4, ind_period_make(IND_FREQ_YEAR, 2026, 1), NULL};
    size_t n = 2;
    if (opt.kind == IND_CHART_TREND && (data[0] & 32)) {
        n = 1; /* a target goes on one series */
        opt.target = &target;
    }
    char *script = NULL;
    ind_error err;
    if (ind_chart_build(list, n, &opt, SOURCE_ROOT "/scripts", &script, &err) == IND_OK) {
        int status = run_gnuplot(script);
        if (access(marker, F_OK) == 0) {
            fprintf(stderr, "fuzz_chart: gnuplot ran the planted command\n");
            abort();
        }
        if (status != 0) {
            fprintf(stderr, "fuzz_chart: gnuplot rejected the script (exit %d); see %s/gnuplot.err\n",
                    status, dir);
            abort();
        }
        unlink(out);
    }
    free(script);
    free(entity2);
    for (int k = 0; k < NFIELDS; k++)
        free(f[k]);
    return 0;
}
