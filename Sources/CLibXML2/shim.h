#ifndef BARRIERFREE_CLIBXML2_SHIM_H
#define BARRIERFREE_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, so <libxml/encoding.h> would include the
 * system's <unicode/ucnv.h>, whose UErrorCode clashes with the copy of ICU
 * inside Foundation ("'UErrorCode' has different definitions in different
 * modules") in any module that sees both. ICU only adds two pointer fields
 * at the end of xmlCharEncodingHandler, a struct BarrierFree only ever
 * handles through pointers, so hiding it changes no layout we use. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/dict.h>

/* libxml2 writes a few problems through its generic error function as well,
 * which prints to stderr unless replaced: "xmlParseChunk: encoder error"
 * after a failed conversion from a declared encoding, which the structured
 * handler reports too, with its bytes. A library must not print; the
 * readers put this handler in place while libxml2 works for them. It is
 * variadic, so it is written in C; Swift gets it as a pointer. */
static void barrierfree_ignore_generic_error(void *context, const char *message, ...) {
  (void)context;
  (void)message;
}

static inline xmlGenericErrorFunc barrierfree_silent_generic_error(void) {
  return barrierfree_ignore_generic_error;
}
#endif
