// SHA-256 against the FIPS 180-4 / NIST CAVP vectors, and ChainID.
#include <doctest/doctest.h>

#include "core/sha256.h"

using namespace ll;

TEST_CASE("sha256 matches the NIST test vectors") {
    CHECK(sha256("").hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256("abc").hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").hex() ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopq"
                 "rstnopqrstu")
              .hex() == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    SUBCASE("one million 'a', fed in uneven pieces") {
        Sha256 h;
        std::string chunk(997, 'a');
        size_t left = 1000000;
        while (left) {
            size_t n = left < chunk.size() ? left : chunk.size();
            h.update(chunk.data(), n);
            left -= n;
        }
        CHECK(h.finish().hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
}

TEST_CASE("sha256 of the empty layer tar is Docker's well-known empty-layer DiffID") {
    // 1024 zero bytes: what every builder writes for a layer with no entries.
    CHECK(sha256(std::string(1024, '\0')).str() ==
          "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");
}

TEST_CASE("digest parsing accepts only sha256:<64 lower-case hex>") {
    Digest d;
    CHECK(Digest::parse("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", d));
    CHECK(d == sha256(""));
    CHECK_FALSE(Digest::parse("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", d));
    CHECK_FALSE(Digest::parse("sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", d));
    CHECK_FALSE(Digest::parse("sha256:e3b0", d));
    CHECK(Digest::parse("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", d, true));
}

TEST_CASE("ChainID over three layers follows the OCI formula") {
    // ChainID(L0) = DiffID(L0); ChainID(L0|L1) = sha256("<chain> <diff>")
    Digest a = sha256("layer a"), b = sha256("layer b"), c = sha256("layer c");
    Digest ab = chain_id_next(a, b);
    CHECK(ab == sha256(a.str() + " " + b.str()));
    Digest abc = chain_id_next(ab, c);
    CHECK(abc == sha256(ab.str() + " " + c.str()));
    // Order matters: a different stack has a different identity.
    CHECK(chain_id_next(chain_id_next(b, a), c) != abc);
}
