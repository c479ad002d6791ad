#include <stdio.h>

/* C's printf conversions of one double, which Swift cannot call (snprintf is
   variadic): style 'f' is "%.*f", 'g' is "%.*g", 'G' is "%#.*g" (trailing
   zeros and the point kept). Returns what snprintf returns. */
static inline int cahier_format_double(char *buffer, size_t size, char style, int precision, double x) {
    switch (style) {
    case 'f': return snprintf(buffer, size, "%.*f", precision, x);
    case 'G': return snprintf(buffer, size, "%#.*g", precision, x);
    default: return snprintf(buffer, size, "%.*g", precision, x);
    }
}
