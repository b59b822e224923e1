#include "minimal_tasks.h"
demo::lazy_task<> close_connection();
void plain() { close_connection(); }
