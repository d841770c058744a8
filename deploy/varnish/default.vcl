# Varnish in front of Quire's app servers: public pages are cached and purged by tag.
#
# The app names each public response's cache tags (lib/cache/tags.mjs) in the `xkey`
# header (and in Surrogate-Key and Cache-Tag for a CDN); when content changes, the app
# server that made the change asks for those tags to be purged:
#
#   PURGE / HTTP/1.1
#   xkey: publication:annual-report listings
#   X-Purge-Token: <FRONT_CACHE_PURGE_TOKEN>
#
# only from the addresses in the `purgers` ACL, and only with the shared token.
#
# Two files sit beside this one (vcl_path), written for each deployment:
#   backends.vcl     the app servers, gathered in the round-robin director `app`
#                    (deploy/varnish/backends.vcl is the compose file's; `npm run cluster`
#                    writes its own under .data/cluster/)
#   purge-token.vcl  `sub quire_check_purge_token`, comparing X-Purge-Token with the secret
#                    (deploy/varnish/purge-token.vcl.example shows it)
#
# Never cached: anything but GET and HEAD (form submissions, server actions), staff pages,
# sign-in, previews, /api, /media (files stream with byte ranges, or redirect to storage),
# /search (the app caches repeated searches itself, after counting each one), requests with a cookie other than analytics ones (a session, the
# sign-in's own cookies), requests with Authorization, links carrying a per-user token in
# their query string, responses that set a cookie, and responses without cache tags (the
# app tags only what any reader may be served), and responses the app marks private,
# no-store or no-cache.
vcl 4.1;

import directors;
import std;
import xkey;

include "backends.vcl";
include "purge-token.vcl";

acl purgers {
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        call quire_check_purge_token;
        if (!req.http.xkey) {
            return (synth(400, "Name the tags to purge in the xkey header"));
        }
        set req.http.X-Purged = xkey.purge(req.http.xkey);
        return (synth(200, "Purged " + req.http.X-Purged));
    }
    unset req.http.X-Purge-Token;
    # Not part of the cache key: a reader must not choose the host the app believes it serves.
    unset req.http.X-Forwarded-Host;

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|login|preview|api|media|search)(/|\?|$)") {
        return (pass);
    }
    # Links that carry a reader's own token (confirm, preferences, unsubscribe, registrations).
    if (req.url ~ "[?&](token|key|signature)=") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Analytics cookies change nothing the app renders: dropped. Any other cookie (a
    # session, sign-in's) means the request is someone's own.
    if (req.http.Cookie) {
        set req.http.Cookie = regsuball(req.http.Cookie, "(^|;\s*)(_ga[^=]*|_gid|_gat[^=]*|_pk_[a-z]+[^=]*|_hj[^=]*|__utm[a-z])=[^;]*", "");
        set req.http.Cookie = regsub(req.http.Cookie, "^;\s*", "");
        if (req.http.Cookie ~ "^\s*$") {
            unset req.http.Cookie;
        }
    }
    if (req.http.Cookie) {
        return (pass);
    }
    return (hash);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Only what the app tagged as public (and the build's immutable assets), only when it
    # answered well, and never a response that sets a cookie.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || (!beresp.http.xkey && bereq.url !~ "^/_next/static/")
        || (beresp.status != 200 && beresp.status != 301 && beresp.status != 308)) {
        set beresp.ttl = 10s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # A little grace: should every app server be down or slow, readers get the last copy.
    set beresp.grace = 1m;
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Surrogate-Key and Cache-Tag stay for a CDN in front of this cache.
    unset resp.http.xkey;
}
