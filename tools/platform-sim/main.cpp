// platform-sim: the development platform server (`platform-sim --port N --data DIR`).
#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim.h"

namespace {
httplib::Server* g_server = nullptr;
void on_signal(int) {
    if (g_server) g_server->stop();
}

int usage() {
    std::fprintf(stderr,
                 "usage: platform-sim --port N --data DIR [--bind 127.0.0.1] [--assets DIR] [--content DIR]\n"
                 "                    [--token T] [--tls-cert PEM --tls-key PEM] [--port-file FILE]\n"
                 "       platform-sim --make-demo-assets DIR\n"
                 "--port 0 picks a free port; it is printed as 'listening on HOST:PORT' and written to --port-file.\n");
    return 2;
}
}  // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::string bind = "127.0.0.1", port_file, tls_cert, tls_key;
    int port = -1;
    kiosk::sim::SimOptions o;
    o.assets_dir = std::string(KIOSK_SOURCE_DIR) + "/assets/demo/platform";
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--port") port = std::atoi(next().c_str());
        else if (a == "--data") o.data_dir = next();
        else if (a == "--bind") bind = next();
        else if (a == "--assets") o.assets_dir = next();
        else if (a == "--content") o.content_dir = next();
        else if (a == "--token") o.token = next();
        else if (a == "--tls-cert") tls_cert = next();
        else if (a == "--tls-key") tls_key = next();
        else if (a == "--port-file") port_file = next();
        else if (a == "--make-demo-assets") {
            auto st = kiosk::sim::make_demo_assets(next());
            if (!st) std::fprintf(stderr, "platform-sim: %s\n", st.error().message.c_str());
            return st ? 0 : 1;
        } else return usage();
    }
    if (port < 0 || o.data_dir.empty()) return usage();
    if (o.content_dir.empty()) {
        // The demo bundle the content helper maintains; the sim serves whatever is there.
        for (auto c : {o.assets_dir + "/content", std::string(KIOSK_SOURCE_DIR) + "/assets/content"})
            if (fs::is_directory(c)) {
                o.content_dir = c;
                break;
            }
    }
    auto sim = kiosk::sim::Sim::create(o);
    if (!sim) {
        std::fprintf(stderr, "platform-sim: %s\n", sim.error().message.c_str());
        return 1;
    }
    std::unique_ptr<httplib::Server> server;
    if (!tls_cert.empty()) server = std::make_unique<httplib::SSLServer>(tls_cert.c_str(), tls_key.c_str());
    else server = std::make_unique<httplib::Server>();
    if (!server->is_valid()) {
        std::fprintf(stderr, "platform-sim: TLS certificate or key unusable\n");
        return 1;
    }
    server->set_payload_max_length(64u << 20);
    (*sim)->install(*server);
    int bound = port == 0 ? server->bind_to_any_port(bind) : (server->bind_to_port(bind, port) ? port : -1);
    if (bound <= 0) {
        std::fprintf(stderr, "platform-sim: cannot listen on %s:%d\n", bind.c_str(), port);
        return 1;
    }
    g_server = server.get();
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    std::printf("listening on %s:%d (%s)\n", bind.c_str(), bound, tls_cert.empty() ? "http" : "https");
    std::fflush(stdout);
    if (!port_file.empty()) {
        std::string tmp = port_file + ".tmp";
        std::ofstream(tmp) << bound << "\n";
        fs::rename(tmp, port_file);
    }
    server->listen_after_bind();
    return 0;
}
