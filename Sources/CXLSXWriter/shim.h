#ifndef BARRIERFREE_CXLSXWRITER_SHIM_H
#define BARRIERFREE_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
