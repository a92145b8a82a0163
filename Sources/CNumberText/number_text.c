#include "number_text.h"

#include <stdio.h>

int number_text_significant(char *buffer, size_t capacity, int digits, double value) {
    return snprintf(buffer, capacity, "%.*g", digits, value);
}

int number_text_fixed(char *buffer, size_t capacity, int decimals, double value) {
    return snprintf(buffer, capacity, "%.*f", decimals, value);
}
