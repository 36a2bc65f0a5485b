#include "scratch_directory.h"

#include <sys/time.h>

#include <cstdlib>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace pmr::test_support {

namespace {

/// How many failing directories are kept; shrinking a failing property makes many, and the
/// last one (the smallest) matters most: older ones are removed beyond this number.
constexpr std::size_t max_kept = 10;
std::deque<std::string> kept;

}  // namespace

ScratchDirectory::ScratchDirectory(std::string_view name)
    : exceptions_at_start_(std::uncaught_exceptions()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/";
    pattern.append(name).append("-XXXXXX");
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) == nullptr)
        throw std::runtime_error("mkdtemp " + pattern);
    path_ = buffer.data();
}

ScratchDirectory::~ScratchDirectory() {
    std::error_code ignored;
    if (keep_ || std::uncaught_exceptions() > exceptions_at_start_) {
        std::cerr << "pmr differential: kept the failing case in " << path_ << "\n";
        kept.push_back(path_);
        if (kept.size() > max_kept) {
            std::filesystem::remove_all(kept.front(), ignored);
            kept.pop_front();
        }
        return;
    }
    std::filesystem::remove_all(path_, ignored);
}

std::string ScratchDirectory::make_subdirectory(const std::string& name) const {
    const std::string path = path_ + "/" + name;
    std::filesystem::create_directories(path);
    return path;
}

std::string ScratchDirectory::write_file(const std::string& name, const std::string& bytes) const {
    const std::string path = path_ + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out)
        throw std::runtime_error("cannot write " + path);
    // Postfix rereads a file modified within the last second until it "cools down" (300 ms
    // naps, dict_load_file_xt()); an old time stamp spares every postconf run that wait.
    const struct timeval old[2] = {{946684800, 0}, {946684800, 0}};  // 2000-01-01
    if (::utimes(path.c_str(), old) != 0)
        throw std::runtime_error("cannot set times of " + path);
    return path;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace pmr::test_support
