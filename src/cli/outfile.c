/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outfile.c - `-o FILE` of the table commands (see cli.h): standard output
 * is pointed at a new temporary file beside FILE as soon as the options are
 * read, so that every writer (the table, the streaming spool, notes under a
 * table) writes there unchanged; when the command ends, the file is renamed
 * over FILE if everything succeeded and removed otherwise, so that FILE is
 * either the complete output or left as it was. FILE.xlsx asks for a
 * workbook (--format xlsx), which is never written to a terminal or a pipe.
 * A FILE that exists and is not a regular file (/dev/null, a FIFO) is
 * written directly: renaming over it would replace the device itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"

/* The output being written: its temporary file and the name it gets. */
static struct {
    char tmp[4096];
    const char *path; /* NULL: none pending */
    bool direct;      /* written in place (not a regular file): no temporary file */
} pending;

int cli_temp_beside(const char *path, char *tmp, size_t n)
{
    const char *slash = strrchr(path, '/');
    int len = slash ? snprintf(tmp, n, "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1)
                    : snprintf(tmp, n, ".%s.XXXXXX", path);
    if (len < 0 || (size_t)len >= n) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd >= 0) {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    return fd;
}

bool cli_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static bool ends_with_xlsx(const char *path)
{
    size_t len = strlen(path);
    return len > 5 && strcasecmp(path + len - 5, ".xlsx") == 0;
}

/* The format -o asks for: FILE.xlsx is a workbook unless --format says otherwise (refused). */
static int format_of_name(const char *cmd, cli_common *c)
{
    if (!c->output || !ends_with_xlsx(c->output))
        return 0;
    if (cli_given(c, "format") && c->fmt != IND_FORMAT_XLSX)
        return cli_usage_error(cmd,
                               "-o %s is a workbook name but --format %s was given; drop "
                               "--format, or name the file for its format",
                               c->output, cli_given(c, "format"));
    c->fmt = IND_FORMAT_XLSX;
    return 0;
}

/* An input (data or targets file) that FILE would replace is refused. */
static int check_not_input(const char *cmd, const cli_common *c)
{
    for (size_t i = 0; i < c->nfiles; i++)
        if (cli_same_file(c->output, c->files[i]))
            return cli_usage_error(cmd, "-o names the input file %s; it would be overwritten",
                                   c->files[i]);
    if (c->targets_file && cli_same_file(c->output, c->targets_file))
        return cli_usage_error(cmd, "-o names the targets file %s; it would be overwritten",
                               c->targets_file);
    return 0;
}

int cli_output_begin(const char *cmd, cli_common *c)
{
    if (c->output && strcmp(c->output, "-") == 0)
        c->output = NULL; /* standard output, as without -o */
    int status = format_of_name(cmd, c);
    if (status != 0)
        return status;
    if (c->fmt == IND_FORMAT_XLSX && !c->output)
        return cli_usage_error(cmd, "--format xlsx writes a workbook, which is not sent to "
                                    "standard output: name the file with -o FILE.xlsx");
    if (!c->output)
        return 0;
    if (ind_text_has_control(c->output))
        return cli_usage_error(cmd, "-o: a file name with control characters is refused");
    if ((status = check_not_input(cmd, c)) != 0)
        return status;
    struct stat st;
    bool direct = stat(c->output, &st) == 0 && !S_ISREG(st.st_mode);
    if (direct && S_ISDIR(st.st_mode))
        return cli_usage_error(cmd, "-o %s is a directory", c->output);
    int fd = direct ? open(c->output, O_WRONLY | O_CLOEXEC | O_NOCTTY)
                    : cli_temp_beside(c->output, pending.tmp, sizeof pending.tmp);
    if (fd >= 0 && direct && c->fmt == IND_FORMAT_XLSX && isatty(fd)) {
        close(fd);
        return cli_usage_error(cmd, "-o %s is a terminal; a workbook goes to a file", c->output);
    }
    if (fd < 0) {
        cli_eprintf("%s: error: cannot write: %s\n", c->output, strerror(errno));
        return EXIT_DATA;
    }
    fflush(stdout);
    if (dup2(fd, STDOUT_FILENO) < 0) {
        cli_eprintf("%s: error: cannot write: %s\n", c->output, strerror(errno));
        close(fd);
        if (!direct)
            unlink(pending.tmp);
        return EXIT_DATA;
    }
    close(fd);
    pending.path = c->output;
    pending.direct = direct;
    return 0;
}

int cli_close_stdout(int status)
{
    const char *path = pending.path;
    bool ok = status == EXIT_OK || status == EXIT_TARGET;
    /* on disk before it replaces the old file, so that a crash leaves one or the other */
    bool direct = pending.direct;
    int synced =
        path && !direct && ok && fflush(stdout) == 0 && fsync(STDOUT_FILENO) != 0 ? errno : 0;
    status = cli_close_output(stdout, path, status);
    if (!path || direct)
        return status;
    pending.path = NULL;
    if (synced && status != EXIT_DATA) {
        cli_eprintf("%s: error: writing failed: %s\n", path, strerror(synced));
        status = EXIT_DATA;
    }
    ok = status == EXIT_OK || status == EXIT_TARGET;
    if (ok && rename(pending.tmp, path) != 0) {
        cli_eprintf("%s: error: cannot write: %s\n", path, strerror(errno));
        ok = false;
        status = EXIT_DATA;
    }
    if (!ok)
        unlink(pending.tmp); /* FILE is left as it was */
    return status;
}

int cli_table_finish(ind_table *t, FILE *out)
{
    errno = 0;
    ind_status st = ind_table_finish(t);
    int why = errno;
    if (st == IND_OK)
        return EXIT_OK;
    const char *path = pending.path;
    if (st == IND_E_ARG)
        cli_eprintf("%s%serror: more rows than an Excel worksheet holds (%d below the header); "
                    "write them with --format csv\n",
                    path ? path : "", path ? ": " : "indicators: ", 1048575);
    else if (!ferror(out)) /* else the close of the output says why (cli_close_output) */
        cli_eprintf("%s%serror: writing the output failed: %s\n", path ? path : "",
                    path ? ": " : "indicators: ", why ? strerror(why) : "out of memory");
    return EXIT_DATA;
}
