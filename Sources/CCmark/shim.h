#ifndef GOODNEWS_CCMARK_SHIM_H
#define GOODNEWS_CCMARK_SHIM_H
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

// Adds the GitHub extensions (table, autolink, strikethrough, tagfilter, tasklist) to cmark's
// process-wide registry. Its guard is a plain static int: two first calls at once would both
// append to the unguarded global list, so callers run it exactly once (Swift: a `static let`).
static inline void goodnews_cmark_register_extensions(void) {
    cmark_gfm_core_extensions_ensure_registered();
}

// Attaches a registered extension to a parser by name; 0 when it is not registered.
static inline int goodnews_cmark_attach(cmark_parser *parser, const char *name) {
    cmark_syntax_extension *extension = cmark_find_syntax_extension(name);
    return extension != NULL && cmark_parser_attach_syntax_extension(parser, extension);
}

// No CMARK_OPT_UNSAFE: should a raw HTML node or a javascript:/vbscript:/file:/data: link reach
// the renderer, it prints "<!-- raw HTML omitted -->" or an empty href. The Swift side removes
// both before rendering; this is the second fence. No CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES:
// `style="text-align: …"` would be refused by a Content-Security-Policy without 'unsafe-inline';
// the default `align="…"` attribute is not.
static inline int goodnews_cmark_options(void) { return CMARK_OPT_DEFAULT; }
#endif
