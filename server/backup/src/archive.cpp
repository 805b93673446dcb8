#include "archive.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>

namespace spmis::backup {
namespace {

constexpr std::size_t kChunk = 1 << 16;
// Longest header line we accept ("FILE <name> <size>"): a guard against reading binary as text.
constexpr std::size_t kMaxLine = 512;

Status corrupt(const std::string& path, const std::string& what) {
    return make_error(ErrorCode::kCorrupt, "backup " + path + " is damaged: " + what);
}

// Reads one '\n'-terminated line (without it) into *line, hashing it when hash is non-null.
bool read_line(std::ifstream& in, std::string* line, crypto_hash_sha256_state* hash) {
    line->clear();
    char c = 0;
    while (in.get(c)) {
        if (hash != nullptr) crypto_hash_sha256_update(hash, reinterpret_cast<unsigned char*>(&c), 1);
        if (c == '\n') return true;
        if (line->size() >= kMaxLine) return false;
        line->push_back(c);
    }
    return false;
}

// Parses "FILE <name> <size>".
bool parse_file_line(const std::string& line, std::string* name, std::uint64_t* size) {
    if (line.rfind("FILE ", 0) != 0) return false;
    const auto space = line.rfind(' ');
    if (space <= 5) return false;
    *name = line.substr(5, space - 5);
    const std::string digits = line.substr(space + 1);
    if (digits.empty() || digits.size() > 19 || digits.find_first_not_of("0123456789") != std::string::npos)
        return false;
    *size = std::stoull(digits);
    return is_plain_name(*name);
}

}  // namespace

std::string hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(kDigits[bytes[i] >> 4]);
        out.push_back(kDigits[bytes[i] & 0xf]);
    }
    return out;
}

bool is_plain_name(const std::string& name) {
    if (name.empty() || name == "." || name == ".." || name.size() > 255) return false;
    for (char c : name) {
        if (c == '/' || static_cast<unsigned char>(c) < 0x21 || c == 0x7f) return false;
    }
    return true;
}

Result<ArchiveWriter> ArchiveWriter::create(const std::string& path) {
    ArchiveWriter writer(path);
    const mode_t old_mask = ::umask(077);
    writer.out_.open(path, std::ios::binary | std::ios::trunc);
    ::umask(old_mask);
    if (!writer.out_) return make_error(ErrorCode::kStorage, "cannot create " + path);
    crypto_hash_sha256_init(&writer.hash_);
    const std::string magic = std::string(kArchiveMagic) + "\n";
    SPMIS_RETURN_IF_ERROR(writer.write(magic.data(), magic.size()));
    return writer;
}

Status ArchiveWriter::write(const char* data, std::size_t size) {
    out_.write(data, static_cast<std::streamsize>(size));
    if (!out_) return make_error(ErrorCode::kStorage, "cannot write " + path_);
    crypto_hash_sha256_update(&hash_, reinterpret_cast<const unsigned char*>(data), size);
    return {};
}

Status ArchiveWriter::add_file(const std::string& name, const std::string& source_path) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(source_path, ec);
    if (ec) return make_error(ErrorCode::kStorage, "cannot read " + source_path + ": " + ec.message());
    std::ifstream in(source_path, std::ios::binary);
    if (!in) return make_error(ErrorCode::kStorage, "cannot open " + source_path);
    const std::string header = "FILE " + name + " " + std::to_string(size) + "\n";
    SPMIS_RETURN_IF_ERROR(write(header.data(), header.size()));
    std::array<char, kChunk> buffer{};
    std::uintmax_t left = size;
    while (left > 0) {
        const auto n = static_cast<std::streamsize>(std::min<std::uintmax_t>(left, buffer.size()));
        if (!in.read(buffer.data(), n))
            return make_error(ErrorCode::kStorage, source_path + " shrank while copied");
        SPMIS_RETURN_IF_ERROR(write(buffer.data(), static_cast<std::size_t>(n)));
        left -= static_cast<std::uintmax_t>(n);
    }
    return write("\n", 1);
}

Result<std::string> ArchiveWriter::finish() {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&hash_, digest.data());
    const std::string digest_hex = hex(digest.data(), digest.size());
    out_ << "END sha256=" << digest_hex << "\n";
    out_.flush();
    if (!out_) return make_error(ErrorCode::kStorage, "cannot write " + path_);
    out_.close();
    // Durable before it is renamed into place.
    if (FILE* f = std::fopen(path_.c_str(), "rb")) {
        ::fsync(::fileno(f));
        std::fclose(f);
    }
    return digest_hex;
}

Result<BackupSummary> read_archive(const std::string& path, const std::string& extract_dir) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(ErrorCode::kNotFound, "cannot open backup " + path);
    crypto_hash_sha256_state hash;
    crypto_hash_sha256_init(&hash);
    std::string line;
    if (!read_line(in, &line, &hash) || line != kArchiveMagic) return corrupt(path, "not an spmis backup");
    BackupSummary summary;
    std::array<char, kChunk> buffer{};
    for (;;) {
        std::streampos line_start = in.tellg();
        crypto_hash_sha256_state before_line = hash;
        if (!read_line(in, &line, &hash)) return corrupt(path, "truncated (no END line)");
        if (line.rfind("END sha256=", 0) == 0) {
            std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
            crypto_hash_sha256_final(&before_line, digest.data());
            summary.sha256 = hex(digest.data(), digest.size());
            if (line.substr(11) != summary.sha256) return corrupt(path, "SHA-256 does not match its content");
            if (in.peek() != std::char_traits<char>::eof()) return corrupt(path, "bytes after the END line");
            summary.bytes = static_cast<std::uint64_t>(line_start) + line.size() + 1;
            break;
        }
        std::string name;
        std::uint64_t size = 0;
        if (!parse_file_line(line, &name, &size)) return corrupt(path, "bad entry line");
        if (std::find(summary.files.begin(), summary.files.end(), name) != summary.files.end())
            return corrupt(path, "file " + name + " appears twice");
        std::ofstream out;
        if (!extract_dir.empty()) {
            out.open((std::filesystem::path(extract_dir) / name).string(),
                     std::ios::binary | std::ios::trunc);
            if (!out) return make_error(ErrorCode::kStorage, "cannot write into " + extract_dir);
        }
        for (std::uint64_t left = size; left > 0;) {
            const auto n = static_cast<std::streamsize>(std::min<std::uint64_t>(left, buffer.size()));
            if (!in.read(buffer.data(), n)) return corrupt(path, "truncated inside " + name);
            crypto_hash_sha256_update(&hash, reinterpret_cast<unsigned char*>(buffer.data()),
                                      static_cast<std::size_t>(n));
            if (out.is_open() && !out.write(buffer.data(), n))
                return make_error(ErrorCode::kStorage, "cannot write into " + extract_dir);
            left -= static_cast<std::uint64_t>(n);
        }
        if (!read_line(in, &line, &hash) || !line.empty())
            return corrupt(path, "entry " + name + " overruns");
        if (name == kDatabaseName || name == kPostgresDumpName) summary.database_bytes = size;
        summary.files.push_back(name);
    }
    if (summary.files.empty() ||
        (summary.files.front() != kDatabaseName && summary.files.front() != kPostgresDumpName))
        return corrupt(path, "no database inside");
    return summary;
}

}  // namespace spmis::backup
