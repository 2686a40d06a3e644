/* DEVELOPMENT PLACEHOLDER - replaced by the real loader (issue 2). */
#include "indicators/load.h"

#include <string.h>

void ind_load_options_init(ind_load_options *opt)
{
    memset(opt, 0, sizeof *opt);
}

ind_status ind_load_file(const char *path, const ind_load_options *opt, ind_dataset **out,
                         ind_load_info *info, ind_error *err)
{
    *out = NULL;
    return ind_error_set(err, IND_E_IO, path, 0, 0, "loader not written yet");
}

int ind_shape_parse(const char *name, ind_shape *out)
{
    return -1;
}

const char *ind_shape_name(ind_shape shape)
{
    return "auto";
}
