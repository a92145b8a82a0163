#include "number_text.h"

#include <stdio.h>

int number_text_significant(char *buffer, size_t capacity, int digits, double value) {
    return snprintf(buffer, capacity, "%.*g", digits, value);
}
