#include "cli/application.h"

int main(int argc, char** argv) {
    return pmr::cli::run(argc, argv);
}
