#pragma once
// The web console for central staff, served by spmis-server from the API's origin (docs/console.md).

#include "spmis/http/router.hpp"

namespace spmis::console {

// GET /console/ (index.html), /console/<file> for every embedded file, and / and /console redirecting
// to /console/. Every answer carries the console's security headers (a Content-Security-Policy that
// allows nothing but this origin, no framing, no sniffing, no referrer). Public routes: the files
// hold no data; every datum comes from the API, under the bearer token.
void register_console_routes(http::Router& router);

// The value of the Content-Security-Policy header of every console file.
extern const char* const kContentSecurityPolicy;

}  // namespace spmis::console
