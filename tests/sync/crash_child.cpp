// Child process of the crash test: writes numbered records (with a local change in the same transaction) and uploads them until killed.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "kiosk/sync/uploader.h"

using namespace kiosk;
using namespace kiosk::sync;

int main(int argc, char** argv) {
    if (argc != 3 && argc != 4) {
        std::fprintf(stderr, "usage: sync_crash_child STATE_DIR PLATFORM_URL [READY_FD]\n");
        return 2;
    }
    std::string path = std::string(argv[1]) + "/outbox.db";
    Outbox::Options o;
    o.kiosk_id = "crash";
    auto outbox = Outbox::open(path, o);
    if (!outbox) return 1;
    auto db = db::Database::open(path).value();
    if (!db.exec("CREATE TABLE IF NOT EXISTS journal(n INTEGER PRIMARY KEY)")) return 1;
    UploaderOptions uo;
    uo.databases = {path};
    uo.batch_size = 16;
    uo.backoff_min = std::chrono::milliseconds(5);
    uo.backoff_max = std::chrono::seconds(1);
    uo.idle_poll = std::chrono::seconds(1);
    PlatformSettings ps;
    ps.base_url = argv[2];
    ps.kiosk_id = "crash";
    auto up = Uploader::create(ps, uo);
    if (!up) return 1;
    (void)(*up)->start();
    // Tell the test that start-up is over and records are about to be written.
    if (argc == 4) {
        int fd = std::atoi(argv[3]);
        (void)!::write(fd, "r", 1);
        ::close(fd);
    }
    for (;;) {
        // The local change (journal row n) and its outbox record commit together, or neither does.
        auto tx = db::Transaction::begin(db);
        if (!tx) continue;
        auto st = db.prepare("SELECT coalesce(max(n), 0) + 1 FROM journal").value();
        (void)st.step();
        int64_t n = st.int64(0);
        auto ins = db.prepare("INSERT INTO journal VALUES(?1)").value();
        ins.bind(1, n);
        if (!ins.run()) continue;
        Record r{"usage", Priority::Usage, "crash-" + std::to_string(n), "{\"n\":" + std::to_string(n) + "}", {}};
        if (!(*outbox)->enqueue(db, r)) continue;
        if (!tx->commit()) continue;
        (*up)->wake();
        std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
}
