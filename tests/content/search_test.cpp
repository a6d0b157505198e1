// Search: characters, full pinyin, initials, mixed input, polyphonic characters, former departments, ranking.
#include <doctest/doctest.h>

#include <algorithm>

#include "content_fixture.h"
#include "kiosk/content/bundle.h"
#include "kiosk/content/content_store.h"
#include "kiosk/content/pinyin.h"
#include "kiosk/content/search.h"

using namespace kiosk::content;
using namespace kiosk::content::test;

namespace {

std::shared_ptr<const SearchIndex> demo_index() {
    static TempDir root;
    static std::shared_ptr<const SearchIndex> index = [] {
        REQUIRE(import_bundle(demo_bundle(), root.str(), demo_policy()).ok());
        auto store = ContentStore::open(root.str());
        REQUIRE(store.ok());
        auto ix = (*store)->build_search_index();
        REQUIRE(ix.ok());
        return *ix;
    }();
    return index;
}

std::shared_ptr<const SearchIndex> index_of(std::vector<std::pair<std::string, int>> names) {
    auto py = PinyinSource::shared();
    REQUIRE(py.ok());
    std::vector<SearchItem> items;
    int n = 0;
    for (auto& [name, pop] : names) items.push_back({"T" + std::to_string(++n), name, "", "d", "部门", pop, {}});
    return SearchIndex::build(SearchIndex::items_from_names(**py, items), {{"d", "部门", SearchIndex::readings_of(**py, "部门"), {}}});
}

std::vector<std::string> names(const std::vector<SearchHit>& hits) {
    std::vector<std::string> out;
    for (const auto& h : hits) out.push_back(h.item.name);
    return out;
}
bool contains(const std::vector<SearchHit>& hits, const std::string& name) {
    auto n = names(hits);
    return std::find(n.begin(), n.end(), name) != n.end();
}
const SearchHit* find_hit(const std::vector<SearchHit>& hits, const std::string& code) {
    for (const auto& h : hits)
        if (h.item.code == code) return &h;
    return nullptr;
}

}  // namespace

TEST_CASE("Chinese characters find items containing them") {
    auto hits = demo_index()->query("结婚", 10);
    CHECK(contains(hits, "内地居民结婚登记"));
    CHECK(contains(hits, "补领结婚证"));
    CHECK_FALSE(contains(hits, "内地居民离婚登记"));
}

TEST_CASE("full pinyin, initials and mixed input all find 不动产登记") {
    auto ix = index_of({{"不动产登记", 1}, {"动产抵押登记", 1}, {"护照签发", 1}});
    for (const char* q : {"不动产登记", "budongchandengji", "budongchan", "bdcdj", "BDCDJ", "不dc", "bu dong chan", "budchandj",
                          "ｂｄｃｄｊ"}) {
        auto hits = ix->query(q, 5);
        REQUIRE_MESSAGE(!hits.empty(), q);
        CHECK_MESSAGE(hits[0].item.name == "不动产登记", q);
    }
    auto hits = ix->query("bdcdj", 5);
    CHECK(hits[0].kind == MatchKind::Exact);
    CHECK(hits.size() == 1);
    CHECK(ix->query("bdcdjx", 5).empty());
    CHECK(ix->query("budongchangdengji", 5).empty());
}

TEST_CASE("every keystroke of a pinyin word keeps the item in the results") {
    auto ix = index_of({{"住房公积金提取", 1}, {"护照签发", 1}});
    std::string typed;
    for (char c : std::string("zhufanggongjijin")) {
        typed.push_back(c);
        auto hits = ix->query(typed, 5);
        CHECK_MESSAGE(contains(hits, "住房公积金提取"), typed);
    }
}

TEST_CASE("polyphonic characters are found under each of their readings") {
    // 行: xing (行驶) and hang (银行); 重: zhong and chong; 长: chang and zhang; 乐: le and yue.
    auto ix = index_of({{"银行开户", 1}, {"机动车行驶证补领", 1}, {"重新申领", 1}, {"长期居住证明", 1}, {"音乐培训机构设立", 1}});
    CHECK(contains(ix->query("yinhang", 5), "银行开户"));
    CHECK(contains(ix->query("yinxing", 5), "银行开户"));
    CHECK(contains(ix->query("xingshi", 5), "机动车行驶证补领"));
    CHECK(contains(ix->query("chongxin", 5), "重新申领"));
    CHECK(contains(ix->query("zhongxin", 5), "重新申领"));
    CHECK(contains(ix->query("cqjz", 5), "长期居住证明"));
    CHECK(contains(ix->query("zqjz", 5), "长期居住证明"));
    CHECK(contains(ix->query("yinyue", 5), "音乐培训机构设立"));
}

TEST_CASE("the pinyin source gives several readings for 行 from Unihan") {
    auto py = PinyinSource::shared();
    REQUIRE(py.ok());
    REQUIRE((*py)->has_unihan());
    auto r = (*py)->readings(U'行');
    CHECK(std::find(r.begin(), r.end(), "xing") != r.end());
    CHECK(std::find(r.begin(), r.end(), "hang") != r.end());
    auto lv = (*py)->readings(U'绿');
    CHECK(std::find(lv.begin(), lv.end(), "lv") != lv.end());
    CHECK((*py)->readings(U'A').empty());
}

TEST_CASE("former department names find the items the renamed or new department handles") {
    auto ix = demo_index();
    for (const char* q : {"公安消防", "公安消防支队", "gaxf"}) {
        auto hits = ix->query(q, 20);
        INFO(q);
        // Moved to the housing bureau in 2019, still found by the old fire brigade's name.
        const SearchHit* moved = find_hit(hits, "ZJJ-001");
        REQUIRE(moved);
        CHECK(moved->item.department_name == "住房和城乡建设局");
        CHECK(moved->kind == MatchKind::FormerDepartment);
        // Still handled by the renamed brigade.
        REQUIRE(find_hit(hits, "XFJ-001"));
        CHECK(find_hit(hits, "XFJ-001")->kind == MatchKind::FormerDepartment);
    }
    auto hits = ix->query("消防", 20);
    CHECK(find_hit(hits, "ZJJ-001"));   // name contains 消防
    CHECK(find_hit(hits, "XFJ-001"));
    REQUIRE(find_hit(hits, "XFJ-002"));
    CHECK(find_hit(hits, "XFJ-002")->kind == MatchKind::Prefix);
    // A current department name finds its items.
    auto gjj = ix->query("住房公积金管理中心", 20);
    CHECK(gjj.size() == 4);
    CHECK(gjj[0].kind == MatchKind::Department);
}

TEST_CASE("ranking: exact before prefix before substring, then popularity") {
    auto ix = index_of({{"申领居民身份证", 900}, {"居民身份证", 1}, {"居民身份证补领", 10}, {"居民身份证换领", 50},
                        {"临时居民身份证申领", 1000}});
    auto hits = ix->query("jmsfz", 10);
    REQUIRE(hits.size() == 5);
    CHECK(names(hits) == std::vector<std::string>{"居民身份证", "居民身份证换领", "居民身份证补领", "临时居民身份证申领", "申领居民身份证"});
    CHECK(hits[0].kind == MatchKind::Exact);
    CHECK(hits[1].kind == MatchKind::Prefix);
    CHECK(hits[3].kind == MatchKind::Substring);
    CHECK(hits[3].match_begin == 2);
    CHECK(hits[3].match_end == 7);
    CHECK(ix->query("jmsfz", 2).size() == 2);
}

TEST_CASE("item codes are found exactly, and an empty query finds nothing") {
    auto ix = demo_index();
    auto hits = ix->query("gaj-003", 5);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].item.code == "GAJ-003");
    CHECK(hits[0].kind == MatchKind::Code);
    CHECK(ix->query("", 5).empty());
    CHECK(ix->query("   ", 5).empty());
}

TEST_CASE("punctuation in names may be skipped and malformed UTF-8 in a query does not crash") {
    auto ix = index_of({{"户口登记（包括注销、恢复、变更）", 1}});
    CHECK_FALSE(ix->query("hkdjbkzxhfbg", 5).empty());
    CHECK_FALSE(ix->query("登记（包括", 5).empty());
    CHECK(ix->query(std::string("\xff\xfe\x80", 3), 5).empty());
    CHECK_NOTHROW(ix->query(std::string(1000, 'a'), 5));
}

TEST_CASE("a search session narrowing keystroke by keystroke returns what a fresh query returns") {
    auto ix = demo_index();
    SearchSession session(ix);
    for (const char* q : {"b", "bd", "bdc", "bdcd", "bdcdj", "bdc", "x", "xi", "xia", "xiao", "xiaof", "xiaofang", "消", "消防",
                          "g", "ga", "gax", "gaxf", "gaj", "gaj-", "gaj-0", "gaj-00", "gaj-003", "j", "jm", "jmsfz"}) {
        auto a = session.query(q, 0);
        auto b = ix->query(q, 0);
        REQUIRE_MESSAGE(a.size() == b.size(), q);
        for (size_t i = 0; i < a.size(); ++i) {
            CHECK_MESSAGE(a[i].item.code == b[i].item.code, q);
            CHECK_MESSAGE(a[i].kind == b[i].kind, q);
        }
    }
}

TEST_CASE("the hall map's words for a department find its items when typed whole, as characters, pinyin or initials, and rank last") {
    auto ix = demo_index();
    for (const char* q : {"社保", "shebao", "sb"}) {
        CAPTURE(q);
        auto hits = ix->query(q, 50);
        auto social = std::find_if(hits.begin(), hits.end(), [](const SearchHit& h) { return h.item.name == "社会保障卡申领"; });
        REQUIRE(social != hits.end());
        CHECK(social->kind == (std::string(q) == "社保" ? MatchKind::Word : social->kind));
        for (auto it = hits.begin(); it != hits.end(); ++it)
            if (it->kind == MatchKind::Word)
                for (auto later = it; later != hits.end(); ++later) CHECK(later->kind == MatchKind::Word);
    }
    // Part of a word is not the word: 社 alone brings no item by the word 社保.
    for (const auto& h : ix->query("社", 50)) CHECK(h.kind != MatchKind::Word);
}
