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
#endif
