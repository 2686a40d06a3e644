#include "test.h"
#include "../../src/lib/forecast/arima.h"
static void dummy(void **state) { (void)state; }
int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(dummy)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
