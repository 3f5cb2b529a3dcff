// libcurl's process-wide set-up, shared by every curl user in sync/ (the Fetcher, the
// StatusPoster). Must not include SDL, ImGui or GL.
#pragma once

#include "sync/fetcher.h"

#include <curl/curl.h>

namespace gk {

// Initialises libcurl once and sets SIGPIPE to ignored if it was still at its default: with
// CURLOPT_NOSIGNAL libcurl leaves SIGPIPE alone, and a TLS write to a connection the server
// closed would kill the kiosk. Safe to call from any thread, any number of times.
void initCurlOnce();

// The portal's TLS trust on one handle: peer and host always verified, the config's CA bundle and
// public-key pin when given. One place, so that every request to the portal trusts alike.
void setPortalTrust(CURL* easy, const TlsTrust& tls);

} // namespace gk
