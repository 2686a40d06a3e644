/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the HTML writer (src/lib/html.c): escaping, refused names, the SVG re-writer. */
#include "test.h"

#include "indicators/html.h"

typedef struct page {
    char *buf;
    size_t len;
    FILE *out;
    ind_html *h;
} page;

static void page_open(page *p)
{
    p->buf = NULL;
    p->len = 0;
    p->out = open_memstream(&p->buf, &p->len);
    assert_non_null(p->out);
    p->h = ind_html_new(p->out);
    assert_non_null(p->h);
}

/* Finishes the writer; returns its status; p->buf holds the text. */
static ind_status page_close(page *p)
{
    ind_error err;
    ind_error_clear(&err);
    ind_status st = ind_html_finish(p->h, &err);
    fclose(p->out);
    return st;
}

static void text_and_attributes_are_escaped(void **state)
{
    (void)state;
    page p;
    page_open(&p);
    ind_html_element(p.h, "td", "<script>alert(1)</script> & \"onload='x'", "title",
                     "\"onload=alert(1) x='", "class", "v", NULL);
    assert_int_equal(page_close(&p), IND_OK);
    assert_string_equal(p.buf, "<td title=\"&quot;onload=alert(1) x=&#39;\" class=\"v\">"
                               "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;onload=&#39;x&#39;"
                               "</td>");
    free(p.buf);
}

static void controls_and_bad_bytes_are_replaced(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(ind_html_escape("a\x1b[2Jb\xff\xc2\x9b漯河", out, sizeof out),
                     strlen("a [2Jb\xEF\xBF\xBD 漯河"));
    assert_string_equal(out, "a [2Jb\xEF\xBF\xBD 漯河");
    /* truncation keeps the wanted length, like snprintf */
    assert_int_equal(ind_html_escape("<<<<", out, 6), 16);
    assert_string_equal(out, "&lt;&");
}

static void misuse_is_refused(void **state)
{
    (void)state;
    static const char *const bad[][3] = {
        {"script", NULL, NULL},     {"div", "onclick", "x"},   {"a", "href", "http://x/"},
        {"a", "href", "javascript:x"}, {"div", "style", "background:url(http://x/a.png)"},
        {"div", "x y", "1"},        {"img", "src", "#a"},      {"iframe", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        page p;
        page_open(&p);
        ind_html_open(p.h, bad[i][0], bad[i][1], bad[i][2], NULL);
        assert_int_equal(page_close(&p), IND_E_ARG);
        assert_null(strstr(p.buf ? p.buf : "", "http:"));
        assert_null(strstr(p.buf ? p.buf : "", "onclick"));
        free(p.buf);
    }
    page p;
    page_open(&p);
    ind_html_style(p.h, "body{x:1}</style><script>");
    assert_int_equal(page_close(&p), IND_E_ARG);
    free(p.buf);
}

static void fragment_links_and_boolean_attributes(void **state)
{
    (void)state;
    page p;
    page_open(&p);
    ind_html_open(p.h, "details", "open", "", "id", NULL, NULL);
    ind_html_element(p.h, "a", "x", "href", "#s-1", NULL);
    ind_html_close(p.h, "details");
    assert_int_equal(page_close(&p), IND_OK);
    assert_string_equal(p.buf, "<details open><a href=\"#s-1\">x</a></details>");
    free(p.buf);
}

static char *svg_of(const char *svg, ind_status *st, size_t *removed)
{
    page p;
    page_open(&p);
    ind_error err;
    ind_error_clear(&err);
    *st = ind_html_svg(p.h, svg, strlen(svg), "c1", removed, &err);
    assert_int_equal(page_close(&p), IND_OK);
    return p.buf;
}

static void svg_keeps_drawing_and_prefixes_ids(void **state)
{
    (void)state;
    ind_status st;
    size_t removed;
    char *out = svg_of("<?xml version=\"1.0\"?>\n<!-- c -->\n<svg viewBox=\"0 0 10 10\" "
                       "xmlns=\"http://www.w3.org/2000/svg\">\n<title>Gnuplot</title>"
                       "<defs><path id='gpPt0' d='M0,0'/></defs>"
                       "<use xlink:href='#gpPt0' x='1'/>"
                       "<g style='filter:url(#textbox)'><text>R&amp;D &lt;b&gt; &#x6f2f;&#27827;</text></g>"
                       "</svg>\n",
                       &st, &removed);
    assert_int_equal(st, IND_OK);
    assert_string_equal(out, "<svg viewBox=\"0 0 10 10\"> <defs><path id=\"c1-gpPt0\" "
                             "d=\"M0,0\"/></defs><use xlink:href=\"#c1-gpPt0\" x=\"1\"/>"
                             "<g style=\"filter:url(#c1-textbox)\"><text>R&amp;D &lt;b&gt; "
                             "漯河</text></g></svg>");
    assert_int_equal(removed, 1); /* the root's title */
    free(out);
}

static void svg_drops_what_could_run_or_load(void **state)
{
    (void)state;
    ind_status st;
    size_t removed;
    char *out = svg_of("<svg onload='alert(1)'><script>alert(2)</script>"
                       "<foreignObject><div>x</div></foreignObject>"
                       "<a href='http://x/'><text>t</text></a>"
                       "<image href='http://x/a.png'/>"
                       "<use href='http://x/s.svg#a'/>"
                       "<rect fill='url(http://x/p)' ONCLICK='x' width='1'/>"
                       "<style>@import url(http://x/)</style>"
                       "<text style='background:image-set(&quot;http://x&quot; 1x)'>&lt;/svg&gt;</text>"
                       "</svg>",
                       &st, &removed);
    assert_int_equal(st, IND_OK);
    assert_string_equal(out, "<svg><use/><rect width=\"1\"/><text>&lt;/svg&gt;</text></svg>");
    assert_int_equal(removed, 10);
    free(out);
}

static void svg_malformed_is_refused_whole(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "<svg><g></svg>",           "<svg><g>",         "<svg x='1></svg>",
        "<svg>&bogus;</svg>",       "<div></div>",      "text<svg></svg>",
        "<svg></svg><svg></svg>",   "",                 "<svg><!-- x </svg>",
        "<!DOCTYPE svg [<!ENTITY a 'b'>]><svg>&a;</svg>", "<svg x=1></svg>",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ind_status st;
        size_t removed;
        char *out = svg_of(bad[i], &st, &removed);
        if (st != IND_E_FORMAT)
            fail_msg("accepted: %s", bad[i]);
        assert_string_equal(out ? out : "", "");
        free(out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_and_attributes_are_escaped),
        cmocka_unit_test(controls_and_bad_bytes_are_replaced),
        cmocka_unit_test(misuse_is_refused),
        cmocka_unit_test(fragment_links_and_boolean_attributes),
        cmocka_unit_test(svg_keeps_drawing_and_prefixes_ids),
        cmocka_unit_test(svg_drops_what_could_run_or_load),
        cmocka_unit_test(svg_malformed_is_refused_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
