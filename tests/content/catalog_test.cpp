// Catalogues import (the real Guang'an one and a hand-written one), and every item name is found by its own pinyin initials.
#include <doctest/doctest.h>

#include "content_fixture.h"
#include "kiosk/content/bundle.h"
#include "kiosk/content/catalog.h"
#include "kiosk/content/content_store.h"
#include "kiosk/content/pinyin.h"
#include "kiosk/content/search.h"

using namespace kiosk::content;
using namespace kiosk::content::test;

namespace {

/// The initials a citizen would type: first letter of each Han character's first reading,
/// ASCII letters and digits as they are, everything else left out.
std::string initials(const PinyinSource& py, const std::string& name) {
    std::string out;
    for (char32_t cp : utf8_to_u32(name)) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
        if (cp >= 'A' && cp <= 'Z') cp += 32;
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) out.push_back(char(cp));
        else if (auto r = py.readings(cp); !r.empty()) out.push_back(r[0][0]);
    }
    return out;
}

void check_catalog(const std::string& file, size_t expect_items, size_t expect_departments) {
    REQUIRE_MESSAGE(fs::exists(file), file << " is missing");
    TempDir root;
    // Start from the demo content so the catalogue import keeps its hall and map.
    REQUIRE(import_bundle(demo_bundle(), root.str(), demo_policy()).ok());
    auto r = import_catalog(file, root.str(), demo_secret_key(), demo_policy());
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    CHECK(r->items == int(expect_items));
    CHECK(r->departments == int(expect_departments));
    CHECK(r->has_map);
    auto st = content_status(root.str());
    CHECK(st->previous_version == "2026.11-demo1");
    auto store = ContentStore::open(root.str());
    REQUIRE(store.ok());
    auto ix = (*store)->build_search_index();
    REQUIRE(ix.ok());
    auto py = PinyinSource::shared();
    REQUIRE(py.ok());
    // Every name, by its own initials (and by its own characters).
    auto catalog = read_json(file);
    size_t checked = 0, missing = 0;
    // Keep each Result alive: Result::value() on a temporary would dangle in a range-for.
    auto deps = (*store)->departments();
    REQUIRE(deps.ok());
    for (const auto& d : *deps) {
        auto list = (*store)->items_by_department(d.id);
        REQUIRE(list.ok());
        for (const auto& item : *list) {
            ++checked;
            std::string q = initials(**py, item.name);
            auto hits = (*ix)->query(q, 0);
            bool found = false;
            for (const auto& h : hits) found = found || h.item.code == item.code;
            if (!found) {
                ++missing;
                MESSAGE("not found by initials '" << q << "': " << item.name);
            }
            auto by_name = (*ix)->query(item.name, 0);
            CHECK_MESSAGE((!by_name.empty() && (by_name[0].kind == MatchKind::Exact || by_name[0].kind == MatchKind::Code)), item.name);
        }
    }
    CHECK(checked == expect_items);
    CHECK(missing == 0);
}

}  // namespace

TEST_CASE("catalog-guangan.json imports 1135 items of 34 departments, each found by its own initials") {
    check_catalog(catalog_data("catalog-guangan.json"), 1135, 34);
}

TEST_CASE("a catalogue with relative and empty links, a name in two departments, brackets and digits imports 7 items of 3 departments, each found by its own initials") {
    check_catalog(catalog_data("catalog-sample.json"), 7, 3);
}

TEST_CASE("a malformed catalogue is refused with its JSON path and changes nothing") {
    TempDir t, root;
    REQUIRE(import_bundle(demo_bundle(), root.str(), demo_policy()).ok());
    auto before = content_status(root.str())->current_dir;
    write_text(t.path / "bad.json", R"({"departments":[{"department":"区民政局","items":[{"main_item":"x","sub_items":[{"link":""}]}]}]})");
    auto r = import_catalog((t.path / "bad.json").string(), root.str(), demo_secret_key(), demo_policy());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("departments[0].items[0].sub_items[0].name") != std::string::npos);
    write_text(t.path / "bad2.json", "{\"departments\": [");
    CHECK_FALSE(import_catalog((t.path / "bad2.json").string(), root.str(), demo_secret_key(), demo_policy()).ok());
    CHECK(content_status(root.str())->current_dir == before);
}
