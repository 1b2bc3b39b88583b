// block_buffer.h: the framing MD5, SHA-1 and SHA-256 share (RFC 1321,
// FIPS 180-4): input cut into 64-byte blocks for a compression function, and
// at the end a 0x80 byte, zeros up to 56 mod 64, and the message length in
// bits (big-endian for the SHAs, little-endian for MD5). Sha256 (sha256.cpp)
// and the shell's md5sum and sha1sum (cmd_text.cpp) use it.
//
//     BlockBuffer b;
//     b.update(data, n, [&](const uint8_t* block) { compress(block); });
//     b.finish(true, [&](const uint8_t* block) { compress(block); });
#pragma once
#include <cstddef>
#include <cstdint>

namespace ll {

// Feeds `len` bytes through the 64-byte buffer `buf` (holding `buf_len`
// bytes), calling compress on each full block; `total` counts every byte.
template <class Compress>
void block_update(uint8_t (&buf)[64], size_t& buf_len, uint64_t& total, const void* data, size_t len,
                  Compress&& compress) {
    const uint8_t* p = static_cast<const uint8_t*>(data);
    total += len;
    if (buf_len > 0) {
        size_t take = 64 - buf_len < len ? 64 - buf_len : len;
        for (size_t i = 0; i < take; ++i) buf[buf_len + i] = p[i];
        buf_len += take;
        p += take;
        len -= take;
        if (buf_len == 64) {
            compress(static_cast<const uint8_t*>(buf));
            buf_len = 0;
        }
    }
    for (; len >= 64; p += 64, len -= 64) compress(p);
    for (size_t i = 0; i < len; ++i) buf[i] = p[i];
    buf_len += len;
}

// The padding and the length: the last block(s) go to compress.
template <class Compress>
void block_finish(uint8_t (&buf)[64], size_t& buf_len, uint64_t& total, bool big_endian_length, Compress&& compress) {
    const uint64_t bits = total * 8;
    const uint8_t pad = 0x80, zero = 0;
    block_update(buf, buf_len, total, &pad, 1, compress);
    while (buf_len != 56) block_update(buf, buf_len, total, &zero, 1, compress);
    uint8_t len[8];
    for (int i = 0; i < 8; ++i) len[i] = uint8_t(bits >> (big_endian_length ? 56 - 8 * i : 8 * i));
    block_update(buf, buf_len, total, len, 8, compress);
}

// The same state in one object.
class BlockBuffer {
public:
    template <class Compress>
    void update(const void* data, size_t len, Compress&& compress) {
        block_update(m_buf, m_len, m_total, data, len, compress);
    }
    template <class Compress>
    void finish(bool big_endian_length, Compress&& compress) {
        block_finish(m_buf, m_len, m_total, big_endian_length, compress);
    }

private:
    uint8_t m_buf[64];
    size_t m_len = 0;
    uint64_t m_total = 0;
};

}  // namespace ll
