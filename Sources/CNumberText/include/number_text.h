#ifndef NUMBER_TEXT_H
#define NUMBER_TEXT_H

#include <stddef.h>

/// Writes `value` as C's `%.*g` with `digits` significant digits into `buffer` (at most
/// `capacity` bytes, terminated); returns what snprintf returns. A fixed signature, because
/// Swift cannot call C's variadic snprintf directly, and building a va_list from Swift costs
/// far more than the formatting itself.
int number_text_significant(char *buffer, size_t capacity, int digits, double value);

/// The same as `%.*f`: `value` with `decimals` digits after the point.
int number_text_fixed(char *buffer, size_t capacity, int decimals, double value);

#endif
