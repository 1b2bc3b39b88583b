// test_tar_fixture.h: hand-made tars, for input no well-behaved tool would
// write (names with "..", symlinks to follow, missing parent directories,
// broken headers). Used by test_tar.cpp and test_build_add.cpp.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace ll::test {

inline void octal(char* field, size_t len, uint64_t v) {  // len-1 digits and a NUL
    field[len - 1] = '\0';
    for (size_t i = len - 1; i-- > 0; v >>= 3) field[i] = char('0' + (v & 7));
}

inline void set_checksum(char* h, bool signed_sum = false) {
    std::memset(h + 148, ' ', 8);
    long sum = 0;
    for (int i = 0; i < 512; ++i) sum += signed_sum ? long(static_cast<signed char>(h[i])) : long(uint8_t(h[i]));
    std::snprintf(h + 148, 8, "%06lo", static_cast<unsigned long>(sum));
    h[155] = ' ';
}

inline std::string header(std::string_view name, char type = '0', uint64_t size = 0, std::string_view link = {},
                          uint32_t mode = 0644, uint32_t uid = 0, uint32_t gid = 0) {
    std::string h(512, '\0');
    if (!name.empty()) std::memcpy(h.data(), name.data(), std::min<size_t>(name.size(), 100));
    octal(h.data() + 100, 8, mode);
    octal(h.data() + 108, 8, uid);
    octal(h.data() + 116, 8, gid);
    octal(h.data() + 124, 12, size);
    octal(h.data() + 136, 12, 1700000000);
    h[156] = type;
    if (!link.empty()) std::memcpy(h.data() + 157, link.data(), std::min<size_t>(link.size(), 100));
    std::memcpy(h.data() + 257,
                "ustar\0"
                "00",
                8);
    set_checksum(h.data());
    return h;
}

inline std::string pad(std::string data) {
    data.resize((data.size() + 511) / 512 * 512, '\0');
    return data;
}

struct RawTar {
    std::string bytes;
    RawTar& file(std::string_view name, std::string data, uint32_t mode = 0644, uint32_t uid = 0, uint32_t gid = 0) {
        bytes += header(name, '0', data.size(), {}, mode, uid, gid);
        bytes += pad(std::move(data));
        return *this;
    }
    RawTar& dir(std::string_view name, uint32_t mode = 0755) {
        bytes += header(name, '5', 0, {}, mode);
        return *this;
    }
    RawTar& symlink(std::string_view name, std::string_view target) {
        bytes += header(name, '2', 0, target, 0777);
        return *this;
    }
    RawTar& entry(std::string_view name, char type, std::string_view link = {}) {
        bytes += header(name, type, 0, link);
        return *this;
    }
    RawTar& pax(std::string_view records, char type = 'x') {
        bytes += header("PaxHeaders/x", type, records.size());
        bytes += pad(std::string(records));
        return *this;
    }
    RawTar& raw(std::string b) {
        bytes += std::move(b);
        return *this;
    }
    std::string end() const { return bytes + std::string(1024, '\0'); }
};

}  // namespace ll::test
