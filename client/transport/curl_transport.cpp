#include "transport/curl_transport.hpp"

#include <curl/curl.h>
#include <zlib.h>

#include <memory>
#include <mutex>

#include <nlohmann/json.hpp>

#include "spmis/sync/field_tuning.hpp"

namespace spmis::field {
namespace {

struct Sink {
    std::string data;
    bool overflow = false;
};

std::size_t write_cb(char* ptr, std::size_t size, std::size_t n, void* user) {
    auto* sink = static_cast<Sink*>(user);
    if (sink->data.size() + size * n > tuning::kFieldMaxResponseBytes) {
        sink->overflow = true;
        return 0;
    }
    sink->data.append(ptr, size * n);
    return size * n;
}

Result<std::string> gzip(const std::string& in) {
    z_stream zs{};
    // 15 + 16: a gzip wrapper rather than raw zlib, as Content-Encoding: gzip requires.
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return make_error(ErrorCode::kInternal, "zlib init failed");
    }
    std::string out(deflateBound(&zs, in.size()), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) return make_error(ErrorCode::kInternal, "zlib deflate failed");
    return out;
}

ErrorCode code_for_http(long status, const std::string& body) {
    // A 5xx is the server's problem, whatever its body names ("storage" there is the server's
    // storage, not this device's): exit 3, network or server, and the device retries later.
    if (status >= 500) return ErrorCode::kNetwork;
    // Prefer the code the server named in its error body.
    auto j = nlohmann::json::parse(body, nullptr, false);
    std::string name;
    if (j.is_object()) {
        const auto& e = j.contains("error") ? j["error"] : j;
        if (e.is_object() && e.contains("code") && e["code"].is_string()) name = e["code"].get<std::string>();
    }
    for (int c = 0; c <= static_cast<int>(ErrorCode::kRefused); ++c) {
        if (!name.empty() && error_code_name(static_cast<ErrorCode>(c)) == name)
            return static_cast<ErrorCode>(c);
    }
    if (status == 401 || status == 403) return ErrorCode::kUnauthenticated;
    if (status == 400 || status == 422) return ErrorCode::kInvalidArgument;
    if (status == 404) return ErrorCode::kNotFound;
    if (status == 409) return ErrorCode::kConflict;
    if (status == 413 || status == 429) return ErrorCode::kResourceExhausted;
    return ErrorCode::kNetwork;
}

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::string endpoint_path(const std::string& endpoint) {
    if (endpoint == "enroll") return "/api/v1/devices/enroll";
    return "/api/v1/sync/" + endpoint;
}

CurlTransport::CurlTransport(std::string base_url, bool gzip_requests)
    : base_url_(std::move(base_url)), gzip_(gzip_requests) {
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
    global_init();
}

Result<std::string> CurlTransport::call(const std::string& endpoint, const std::string& body) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return make_error(ErrorCode::kInternal, "curl_easy_init failed");
    std::string payload = body;
    curl_slist* raw_headers = curl_slist_append(nullptr, "Content-Type: application/json");
    raw_headers = curl_slist_append(raw_headers, "Expect:");  // no 100-continue round trip
    if (gzip_ && body.size() >= tuning::kFieldGzipMinBytes) {
        SPMIS_ASSIGN_OR_RETURN(payload, gzip(body));
        raw_headers = curl_slist_append(raw_headers, "Content-Encoding: gzip");
    }
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw_headers, curl_slist_free_all);
    std::string url = base_url_ + endpoint_path(endpoint);
    Sink sink;
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // accept and decode any compression curl knows
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, tuning::kFieldHttpConnectTimeoutS);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, tuning::kFieldHttpTimeoutS);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    CURLcode rc = curl_easy_perform(h);
    if (sink.overflow)
        return make_error(ErrorCode::kResourceExhausted, "answer from " + url + " is too large");
    if (rc != CURLE_OK) {
        return make_error(ErrorCode::kNetwork, "cannot reach " + url + ": " + curl_easy_strerror(rc));
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status >= 300) {
        return make_error(
            code_for_http(status, sink.data),
            "server answered " + std::to_string(status) + " for " + url + ": " + sink.data.substr(0, 300));
    }
    return std::move(sink.data);
}

}  // namespace spmis::field
