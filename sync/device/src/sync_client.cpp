#include "spmis/sync/sync_client.hpp"

#include <algorithm>

#include "spmis/sync/request_signature.hpp"

namespace spmis::sync {

using nlohmann::json;

namespace {

bool has_action(const HelloResponse& r, const std::string& a) {
    return std::find(r.actions.begin(), r.actions.end(), a) != r.actions.end();
}

void count(RoundReport& report, Disposition d) {
    ++report.pushed;
    switch (d) {
        case Disposition::kAccepted: ++report.accepted; break;
        case Disposition::kAcceptedFlagged: ++report.flagged; break;
        case Disposition::kRejected: ++report.rejected; break;
        case Disposition::kDuplicate: ++report.duplicates; break;
    }
}

}  // namespace

std::chrono::milliseconds backoff_delay(const Backoff& b, int attempt) {
    auto d = b.initial;
    for (int i = 0; i < attempt && d < b.max; ++i) d *= 2;
    return std::min(d, b.max);
}

bool is_retryable(const Status& s) {
    switch (s.code()) {
        case ErrorCode::kUnauthenticated:
        case ErrorCode::kStorage:
        case ErrorCode::kSchemaTooNew:
        case ErrorCode::kInternal:
        case ErrorCode::kFailedPrecondition:
        case ErrorCode::kConflict:
        case ErrorCode::kCorrupt: return false;
        default: return true;
    }
}

Result<json> SyncClient::call(const std::string& endpoint, const json& body) {
    SPMIS_ASSIGN_OR_RETURN(auto text, transport_.call(endpoint, body.dump()));
    auto parsed = json::parse(text, nullptr, false);
    if (parsed.is_discarded()) return make_error(ErrorCode::kNetwork, "unreadable " + endpoint + " answer");
    return parsed;
}

Result<HelloResponse> SyncClient::hello(RoundReport& report) {
    SPMIS_ASSIGN_OR_RETURN(auto s, store_.state());
    if (!s.enrollment) return make_error(ErrorCode::kFailedPrecondition, "the device is not enrolled yet");
    HelloRequest req{s.enrollment->device_id, s.acked_seq, s.enrollment->epoch, s.pull_cursor, clock_.wall()};
    json body = to_json(req);
    sign_request(keys_, "hello", body);
    SPMIS_ASSIGN_OR_RETURN(auto answer, call("hello", body));
    SPMIS_ASSIGN_OR_RETURN(auto resp, hello_response_from_json(answer));
    report.actions = resp.actions;
    if (has_action(resp, "reenroll") || has_action(resp, "revoked")) {
        return make_error(
            ErrorCode::kUnauthenticated,
            "the server no longer accepts this device: re-enroll it with a new code (nothing recorded "
            "here is lost; use `export` to hand pending operations over)");
    }
    if (has_action(resp, "fork_detected")) {
        return make_error(ErrorCode::kConflict,
                          "the server detected a fork of this device's history; call support");
    }
    SPMIS_RETURN_IF_ERROR(store_.record_hello({resp.server_time, clock_.monotonic_ms(), clock_.boot_id()}));
    // After a server restore (new epoch, or it holds less than we believe) re-send everything above
    // what it holds now, even operations marked acknowledged.
    bool restored = !s.enrollment->epoch.empty() && resp.epoch != s.enrollment->epoch;
    if (has_action(resp, "repush") || restored || resp.acked_seq < s.acked_seq) {
        SPMIS_RETURN_IF_ERROR(store_.mark_pending_above(resp.acked_seq));
    }
    if (resp.epoch != s.enrollment->epoch) SPMIS_RETURN_IF_ERROR(store_.set_epoch(resp.epoch));
    return resp;
}

Status SyncClient::push_all(RoundReport& report, const ProgressFn& progress) {
    SPMIS_ASSIGN_OR_RETURN(auto s, store_.state());
    SPMIS_ASSIGN_OR_RETURN(auto summary, store_.outbox_summary());
    std::int64_t total = summary.pending;
    std::int64_t done = 0;
    bool resent_after_gap = false;
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(auto ops, store_.pending_ops(options_.push_batch));
        if (ops.empty()) return {};
        PushRequest req{s.enrollment->device_id, ops, to_hex(sign_batch(keys_, ops.back()))};
        SPMIS_ASSIGN_OR_RETURN(auto answer, call("push", to_json(req)));
        SPMIS_ASSIGN_OR_RETURN(auto resp, push_response_from_json(answer));
        SPMIS_RETURN_IF_ERROR(store_.record_push_results(resp));
        for (const auto& r : resp.results) {
            if (r.device_seq >= ops.front().device_seq && r.device_seq <= ops.back().device_seq) {
                count(report, r.disposition);
            }
        }
        if (resp.acked_seq < ops.front().device_seq) {
            // The server holds less than the batch needs: re-send from what it holds, once.
            if (resent_after_gap || resp.acked_seq + 1 >= ops.front().device_seq) {
                return make_error(ErrorCode::kConflict, "the server did not accept operation " +
                                                            std::to_string(ops.front().device_seq) +
                                                            " (acknowledged up to " +
                                                            std::to_string(resp.acked_seq) + ")");
            }
            resent_after_gap = true;
            SPMIS_RETURN_IF_ERROR(store_.mark_pending_above(resp.acked_seq));
            continue;
        }
        done += static_cast<std::int64_t>(resp.acked_seq - ops.front().device_seq + 1);
        if (progress) progress({"push", std::min(done, total), total});
    }
}

Status SyncClient::pull_all(RoundReport& report, const ProgressFn& progress) {
    int repulls = 0;
    while (true) {
        SPMIS_ASSIGN_OR_RETURN(auto s, store_.state());
        PullRequest req{s.enrollment->device_id, s.pull_cursor, options_.pull_byte_budget};
        json body = to_json(req);
        sign_request(keys_, "pull", body);
        SPMIS_ASSIGN_OR_RETURN(auto answer, call("pull", body));
        SPMIS_ASSIGN_OR_RETURN(auto page, pull_response_from_json(answer));
        if (page.has_more && page.next_cursor <= s.pull_cursor) {
            return make_error(ErrorCode::kNetwork, "the server's pull cursor did not advance");
        }
        SPMIS_RETURN_IF_ERROR(store_.apply_pull_page(page));
        report.pulled += static_cast<std::int64_t>(page.records.size());
        ++report.pages;
        if (progress) progress({"pull", report.pulled, page.has_more ? 0 : page.scope_count});
        if (page.has_more) continue;
        if (s.repull_active) SPMIS_RETURN_IF_ERROR(store_.finish_repull());
        SPMIS_ASSIGN_OR_RETURN(auto digest, store_.scope_digest());
        report.scope_matches = digest.count == page.scope_count && digest.checksum == page.scope_checksum;
        if (report.scope_matches || repulls >= options_.max_repulls) return {};
        // A scope is rebuilt only once nothing is pending, so no local write waits on it.
        SPMIS_ASSIGN_OR_RETURN(auto pending, store_.pending_ops(1));
        if (!pending.empty()) return {};
        SPMIS_RETURN_IF_ERROR(store_.begin_repull());
        ++repulls;
        ++report.repulls;
    }
}

Result<RoundReport> SyncClient::round(const ProgressFn& progress) {
    RoundReport report;
    SPMIS_RETURN_IF_ERROR(hello(report).status());
    SPMIS_RETURN_IF_ERROR(push_all(report, progress));
    SPMIS_RETURN_IF_ERROR(pull_all(report, progress));
    SPMIS_RETURN_IF_ERROR(store_.record_sync_time(clock_.wall()));
    return report;
}

Result<RoundReport> SyncClient::round_with_retry(const Backoff& backoff, const Sleeper& sleep,
                                                 const ProgressFn& progress) {
    Status last;
    for (int attempt = 0; attempt < std::max(1, backoff.attempts); ++attempt) {
        if (attempt > 0 && sleep) sleep(backoff_delay(backoff, attempt - 1));
        auto r = round(progress);
        if (r.ok() || !is_retryable(r.status())) return r;
        last = r.status();
    }
    return last;
}

}  // namespace spmis::sync
