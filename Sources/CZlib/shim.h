#ifndef BARRIERFREE_CZLIB_SHIM_H
#define BARRIERFREE_CZLIB_SHIM_H
#include <zlib.h>
#endif
