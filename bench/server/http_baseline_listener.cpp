// The benchmark baseline: the thinnest cpprest listener there is, answering 200 in the callback
// itself, with the same listener thread count as spmis-server. Prints "listening on URL" like it
// and stops on SIGTERM/SIGINT. Usage: http_baseline_listener PORT

#include <cpprest/http_listener.h>
#include <pplx/threadpool.h>
#include <pthread.h>

#include <csignal>
#include <iostream>
#include <string>

#include "spmis/http/tuning.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: http_baseline_listener PORT\n";
        return 2;
    }
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    crossplat::threadpool::initialize_with_threads(spmis::tuning::kHttpListenerThreads);
    const std::string url = std::string("http://127.0.0.1:") + argv[1];
    try {
        web::http::experimental::listener::http_listener listener(url + "/");
        listener.support([](const web::http::http_request& request) {
            request.reply(web::http::status_codes::OK, "{\"status\":\"ok\"}", "application/json")
                .then([](const pplx::task<void>& t) {
                    try {
                        t.get();
                    } catch (...) {  // NOLINT(bugprone-empty-catch): the client went away
                    }
                });
        });
        listener.open().wait();
        std::cout << "listening on " << url << std::endl;
        int received = 0;
        sigwait(&signals, &received);
        listener.close().wait();
    } catch (const std::exception& e) {
        std::cerr << "http_baseline_listener: " << e.what() << "\n";
        return 3;
    }
    return 0;
}
