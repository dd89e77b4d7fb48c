#include "contract_lint/lint.h"
int main() { return contract_lint::RunLint({}).exit_code; }
