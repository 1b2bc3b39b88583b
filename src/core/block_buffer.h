// block_buffer.h: the framing MD5, SHA-1, SHA-256 and SHA-512 share (RFC 1321,
// FIPS 180-4): input cut into blocks for a compression function (64 bytes;
// SHA-512's 128), and at the end a 0x80 byte, zeros up to the length field,
// and the message length in bits in the block's last eighth (8 bytes; SHA-512's
// 16, whose high half is 0 here), big-endian for the SHAs, little-endian for
// MD5. Sha256 (sha256.cpp) and the shell's md5sum, sha1sum and sha512sum
// (cmd_text.cpp) use it.
//
//     BlockBuffer<> b;               // BlockBuffer<128> for SHA-512
//     b.update(data, n, [&](const uint8_t* block) { compress(block); });
//     b.finish(true, [&](const uint8_t* block) { compress(block); });
#pragma once
#include <cstddef>
#include <cstdint>

namespace ll {

// Feeds `len` bytes through the B-byte buffer `buf` (holding `buf_len`
// bytes), calling compress on each full block; `total` counts every byte.
template <size_t B, class Compress>
void block_update(uint8_t (&buf)[B], size_t& buf_len, uint64_t& total, const void* data, size_t len,
                  Compress&& compress) {
    const uint8_t* p = static_cast<const uint8_t*>(data);
    total += len;
    if (buf_len > 0) {
        size_t take = B - buf_len < len ? B - buf_len : len;
        for (size_t i = 0; i < take; ++i) buf[buf_len + i] = p[i];
        buf_len += take;
        p += take;
        len -= take;
        if (buf_len == B) {
            compress(static_cast<const uint8_t*>(buf));
            buf_len = 0;
        }
    }
    for (; len >= B; p += B, len -= B) compress(p);
    for (size_t i = 0; i < len; ++i) buf[i] = p[i];
    buf_len += len;
}

// The padding and the length: the last block(s) go to compress.
template <size_t B, class Compress>
void block_finish(uint8_t (&buf)[B], size_t& buf_len, uint64_t& total, bool big_endian_length, Compress&& compress) {
    constexpr size_t L = B / 8;  // the length field: 8 bytes, or 16 for 128-byte blocks
    const uint64_t bits = total * 8;
    const uint8_t pad = 0x80, zero = 0;
    block_update(buf, buf_len, total, &pad, 1, compress);
    while (buf_len != B - L) block_update(buf, buf_len, total, &zero, 1, compress);
    uint8_t len[L] = {};  // a length over 2^64 bits is out of reach: the high bytes stay 0
    for (size_t i = 0; i < 8; ++i)
        len[big_endian_length ? L - 8 + i : i] = uint8_t(bits >> (big_endian_length ? 56 - 8 * i : 8 * i));
    block_update(buf, buf_len, total, len, L, compress);
}

// The same state in one object.
template <size_t B = 64>
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
    uint8_t m_buf[B];
    size_t m_len = 0;
    uint64_t m_total = 0;
};

}  // namespace ll
