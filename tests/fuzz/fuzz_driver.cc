// Runs LLVMFuzzerTestOneInput over corpus files when the target is built without libFuzzer, so
// that the fuzz target is an ordinary test. Small files are also run cut short at every length.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run(const std::string& bytes) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path path(argv[i]);
        if (std::filesystem::is_directory(path)) {
            for (const auto& entry : std::filesystem::directory_iterator(path)) {
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            }
        } else {
            files.push_back(path);
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: %s CORPUS_DIRECTORY_OR_FILE...\n", argv[0]);
        return 2;
    }
    std::size_t inputs = 0;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
        run(bytes);
        ++inputs;
        if (bytes.size() <= 4096) {
            for (std::size_t n = 0; n < bytes.size(); ++n) {
                run(bytes.substr(0, n));
                run(bytes.substr(n));
                inputs += 2;
            }
        }
    }
    std::printf("maincf_fuzz: %zu corpus files, %zu inputs, all invariants held\n", files.size(),
                inputs);
    return 0;
}
