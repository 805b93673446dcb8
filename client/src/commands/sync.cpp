// `sync`: one round (hello, push until empty, pull until done), or `--watch` to keep syncing.

#include <unistd.h>

#include <iostream>
#include <thread>

#include "commands/commands.hpp"
#include "spmis/sync/sync_client.hpp"
#include "transport/curl_transport.hpp"

namespace spmis::field {
namespace {

struct Options {
    bool watch = false;
    int interval_s = static_cast<int>(tuning::kFieldWatchInterval.count());
    int rounds = 0;  // watch: 0 = forever
    std::size_t batch = tuning::kFieldPushBatchOps;
    int attempts = tuning::kFieldRetryAttempts;
};

void draw_progress(const sync::Progress& p) {
    constexpr int kWidth = 30;
    int filled = p.total > 0 ? static_cast<int>(kWidth * std::min(p.done, p.total) / p.total) : 0;
    std::cerr << "\r" << p.phase << " [" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << p.done;
    if (p.total > 0) std::cerr << "/" << p.total;
    std::cerr << "   " << std::flush;
}

std::string summary(const sync::RoundReport& r) {
    return "pushed " + std::to_string(r.pushed) + ", pulled " + std::to_string(r.pulled) + ", flagged " +
           std::to_string(r.flagged) + ", rejected " + std::to_string(r.rejected);
}

nlohmann::json report_json(const sync::RoundReport& r) {
    return {{"ok", true},
            {"pushed", r.pushed},
            {"accepted", r.accepted},
            {"duplicates", r.duplicates},
            {"flagged", r.flagged},
            {"rejected", r.rejected},
            {"pulled", r.pulled},
            {"pages", r.pages},
            {"repulls", r.repulls},
            {"scope_matches", r.scope_matches},
            {"actions", r.actions}};
}

Status run_sync(Context& ctx, const Options& o) {
    SPMIS_ASSIGN_OR_RETURN(auto store, ctx.open_store());
    SPMIS_ASSIGN_OR_RETURN(auto keys, ctx.load_keys());
    SPMIS_ASSIGN_OR_RETURN(auto state, store->state());
    if (!state.enrollment)
        return make_error(ErrorCode::kFailedPrecondition, "enroll the device before syncing");
    CurlTransport transport(state.enrollment->server_url, !ctx.no_gzip);
    sync::SyncOptions options;
    options.push_batch = std::max<std::size_t>(1, o.batch);
    sync::SyncClient client(*store, transport, keys, ctx.clock, options);
    bool tty = !ctx.json && !ctx.write_err && ::isatty(STDERR_FILENO) == 1;
    sync::ProgressFn progress = tty ? sync::ProgressFn(draw_progress) : sync::ProgressFn();
    auto sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
    for (int round = 1;; ++round) {
        sync::Backoff backoff;
        backoff.attempts = o.attempts;
        auto r = client.round_with_retry(backoff, sleep, progress);
        if (tty) std::cerr << "\r" << std::string(60, ' ') << "\r";
        if (!r.ok() && (!o.watch || !sync::is_retryable(r.status()))) return r.status();
        if (r.ok()) ctx.emit(report_json(*r), summary(*r));
        if (!r.ok()) ctx.err("spmis-field: " + r.status().message() + " (will retry)\n");
        // A bounded watch reports how its last round ended.
        if (!o.watch || (o.rounds > 0 && round >= o.rounds)) return r.status();
        std::this_thread::sleep_for(std::chrono::seconds(o.interval_s));
    }
}

}  // namespace

void add_sync(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("sync", "Push pending operations and pull the latest data of this device's scope");
    cmd->add_flag("--watch", o->watch,
                  "Keep syncing, retrying with backoff while the network comes and goes");
    cmd->add_option("--interval", o->interval_s, "Seconds between rounds with --watch")
        ->check(CLI::Range(1, 86400));
    cmd->add_option("--rounds", o->rounds, "Stop --watch after this many rounds (0: never)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--attempts", o->attempts, "Tries per round before giving up (with backoff)")
        ->check(CLI::Range(1, 100));
    cmd->add_option("--batch", o->batch, "Operations per push request")->check(CLI::Range(1, 10000));
    cmd->callback([&ctx, o] { ctx.run([&] { return run_sync(ctx, *o); }); });
}

}  // namespace spmis::field
