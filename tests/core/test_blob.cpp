// Content-addressed blobs: stored once, sizes without bytes, O(1) sharing.
#include <doctest/doctest.h>

#include "core/blob.h"

using namespace ll;

TEST_CASE("identical contents are stored once") {
    BlobStore b;
    BlobId x = b.bytes("hello\n");
    CHECK(b.bytes("hello\n") == x);
    CHECK(b.bytes("hello") != x);
    CHECK(b.bytes("") == k_empty_blob);
    CHECK(b.size(x) == 6);
    CHECK(b.read_all(x) == "hello\n");
}

TEST_CASE("a 1 GiB file is a description, not bytes") {
    BlobStore b;
    BlobId z = b.fill(uint64_t(1) << 30, 0);
    CHECK(b.size(z) == uint64_t(1) << 30);
    CHECK_FALSE(b.is_literal(z));
    char buf[8];
    CHECK(b.read(z, 123456789, 8, buf) == 8);
    CHECK(std::string(buf, 8) == std::string(8, '\0'));
    CHECK(b.fill(uint64_t(1) << 30, 0) == z);  // same description, same blob
    CHECK(b.describe(z) == "1.0 GiB of zeros");
}

TEST_CASE("random contents are deterministic and randomly accessible") {
    BlobStore b;
    BlobId r = b.random(1000000, 42);
    std::string all = b.read_all(r);
    char mid[100];
    b.read(r, 500003, 100, mid);
    CHECK(std::string(mid, 100) == all.substr(500003, 100));
    BlobStore other;
    CHECK(other.read_all(other.random(1000000, 42)) == all);
    CHECK(b.read_all(b.random(1000000, 43)) != all);
}

TEST_CASE("a one-byte write into a big blob shares the rest") {
    BlobStore b;
    uint64_t n = uint64_t(100) << 20;
    BlobId big = b.random(n, 7);
    BlobId changed = b.write_at(big, n / 2, "x");
    CHECK(b.size(changed) == n);
    char c;
    b.read(changed, n / 2, 1, &c);
    CHECK(c == 'x');
    char before[16], after[16];
    b.read(big, 1000, 16, before);
    b.read(changed, 1000, 16, after);
    CHECK(std::string(before, 16) == std::string(after, 16));
    CHECK_FALSE(b.is_literal(changed));
}

TEST_CASE("write_at past the end leaves a zero-filled gap; resize cuts and extends") {
    BlobStore b;
    BlobId x = b.write_at(b.bytes("ab"), 4, "cd");
    CHECK(b.read_all(x) == std::string("ab\0\0cd", 6));
    CHECK(b.read_all(b.resize(x, 1)) == "a");
    CHECK(b.read_all(b.resize(b.bytes("a"), 3)) == std::string("a\0\0", 3));
    CHECK(b.read_all(b.concat(b.bytes("x"), b.bytes("y"))) == "xy");
    CHECK(b.read_all(b.slice(b.bytes("hello"), 1, 3)) == "ell");
}

TEST_CASE("small results of edits are plain bytes again (deduplicated)") {
    BlobStore b;
    BlobId x = b.slice(b.bytes("hello world"), 0, 5);  // a new blob of 5 bytes
    CHECK(x == b.bytes("hello"));
    CHECK(b.is_literal(x));
}

TEST_CASE("an append grows the buffer in place: one plain piece, not deduplicated, same contents") {
    BlobStore b;
    BlobId hel = b.bytes("hel");
    uint64_t before = b.stored_bytes();
    BlobId x = b.concat(hel, b.bytes("lo"));
    CHECK(b.read_all(x) == "hello");
    CHECK(b.read_all(hel) == "hel");  // the base still reads its own prefix
    CHECK(b.is_literal(x));
    CHECK(b.stored_bytes() - before == 2 + 2);  // "lo" once as a blob, once appended
    CHECK(b.same_contents(x, b.bytes("hello")));  // digests decide: hashing per append would be quadratic
    // A second append to the old base cannot grow the shared buffer: it copies.
    BlobId y = b.concat(hel, b.bytes("p"));
    CHECK(b.read_all(y) == "help");
    CHECK(b.read_all(x) == "hello");
    CHECK(b.bytes("hel") == hel);  // the grown buffer still deduplicates its prefix
    // Appending a file to itself (cat f >> f).
    BlobId z = b.concat(x, x);
    CHECK(b.read_all(z) == "hellohello");
    CHECK(b.read_all(x) == "hello");
}

TEST_CASE("digests stream big blobs and agree with literal ones") {
    BlobStore b;
    std::string s(300000, 'q');
    BlobId lit = b.bytes(s);
    BlobId desc = b.fill(300000, uint8_t('q'));
    CHECK(b.digest(lit) == sha256(s));
    CHECK(b.digest(desc) == sha256(s));
    CHECK(b.same_contents(lit, desc));
}

TEST_CASE("a small random blob stays a description: package files cost no memory") {
    BlobStore b;
    uint64_t before = b.stored_bytes();
    BlobId small = b.random(3000, 11);
    CHECK_FALSE(b.is_literal(small));
    CHECK(b.stored_bytes() == before);
    CHECK(b.random(3000, 11) == small);  // the same description is the same blob
    // the bytes are those of the same stream read whole, and hash alike
    BlobId big = b.random(1 << 20, 11);
    CHECK(b.read_all(small) == b.read_all(big).substr(0, 3000));
    CHECK(b.same_contents(small, b.bytes(b.read_all(small))));
}

namespace {
// A long-lived holder as a Layer is one: it marks its ids while it lives.
struct Holder final : BlobHolder {
    std::vector<BlobId> ids;
    void mark_blobs(BlobMarks& m) const override {
        for (BlobId id : ids) m.mark(id);
    }
};
}  // namespace

TEST_CASE("collection frees what nothing marks, reuses its id, and counts live bytes only") {
    BlobStore b;
    BlobId keep = b.bytes(std::string(1000, 'k'));
    BlobId drop = b.bytes(std::string(5000, 'd'));
    BlobId zeros = b.fill(uint64_t(1) << 30, 0);
    auto holder = std::make_shared<Holder>();
    holder->ids = {b.bytes(std::string(300, 'h'))};
    b.track(holder);
    CHECK(b.stored_bytes() == 6300);
    BlobStore::Collected c = b.collect([&](BlobMarks& m) { m.mark(keep); });
    CHECK(c.freed == 2);  // drop and the zeros
    CHECK(c.freed_bytes == 5000);
    CHECK(b.stored_bytes() == 1300);
    CHECK(b.read_all(keep) == std::string(1000, 'k'));
    CHECK(b.read_all(holder->ids[0]) == std::string(300, 'h'));
    // The dedupe tables forgot them: the same contents come back whole, in a reused id.
    BlobId again = b.bytes(std::string(5000, 'd'));
    CHECK((again == drop || again == zeros));
    CHECK(b.read_all(again) == std::string(5000, 'd'));
    CHECK(b.fill(uint64_t(1) << 30, 0) != again);
    CHECK(b.size(b.fill(uint64_t(1) << 30, 0)) == uint64_t(1) << 30);
    // A holder that is gone keeps nothing.
    holder.reset();
    (void)b.collect([&](BlobMarks& m) { m.mark(keep); });
    CHECK(b.stored_bytes() == 1000);
    CHECK(b.live_count() == 2);  // the empty blob and keep
}

TEST_CASE("collection keeps a grown buffer while any blob reads it, and counts it once") {
    BlobStore b;
    BlobId log = b.bytes(std::string(300 * 1024, 'a'));
    for (int i = 0; i < 100; ++i) log = b.concat(log, b.bytes("line\n"));
    const uint64_t file = 300 * 1024 + 500;
    CHECK(b.size(log) == file);
    (void)b.collect([&](BlobMarks& m) { m.mark(log); });
    CHECK(b.stored_bytes() == file);  // one buffer; every older version and line is gone
    CHECK(b.live_count() == 2);
    CHECK(b.read_all(log, 5) == "aaaaa");
    CHECK(b.read_all(b.slice(log, file - 5, 5)) == "line\n");
    // Appending still grows it in place after the collection.
    const uint64_t before = b.stored_bytes();  // (the slice above made "line\n" again: 5 bytes)
    log = b.concat(log, b.bytes("more\n"));
    CHECK(b.stored_bytes() == before + 5 + 5);  // the buffer grew by 5; "more\n" is a blob of its own
    CHECK(b.read_all(b.slice(log, file, 5)) == "more\n");
}
