/* The service worker: keeps the pages a delegate opened, the compact programme and the widget,
 * so the programme still opens (and the widget still answers lookups) on bad venue Wi-Fi.
 * Pages and the programme: network first, the saved copy when the network fails.
 * Static files: the saved copy at once, refreshed in the background. Never the chat API. */
"use strict";

var CACHE = "programme-assistant-v1";
var PRECACHE = [
  "/",
  "/agenda",
  "/programme.json",
  "/static/site.css",
  "/static/site.js",
  "/static/widget.js",
  "/static/widget.css",
  "/static/favicon.svg",
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(PRECACHE);
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n !== CACHE; }).map(function (n) {
        return caches.delete(n);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

function offlinePage() {
  var body =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    "<title>Offline</title></head><body><main><h1>You are offline</h1>" +
    "<p>This page was not saved on this device. Pages you opened before, " +
    '<a href="/">the programme</a> and <a href="/agenda">your agenda</a> still open.</p>' +
    "</main></body></html>";
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function networkFirst(request) {
  return caches.open(CACHE).then(function (cache) {
    return fetch(request).then(
      function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      },
      function () {
        return cache.match(request, { ignoreSearch: request.mode !== "navigate" }).then(function (hit) {
          if (hit) return hit;
          if (request.mode === "navigate") {
            return cache.match(request, { ignoreSearch: true }).then(function (page) {
              return page || offlinePage();
            });
          }
          return Response.error();
        });
      }
    );
  });
}

function savedFirst(request, event) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (hit) {
      var fresh = fetch(request).then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      });
      if (hit) {
        event.waitUntil(fresh.catch(function () {}));
        return hit;
      }
      return fresh;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/api/") === 0 || url.pathname.indexOf("/organiser") === 0) return;
  if (/\.ics$/.test(url.pathname)) return;
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(savedFirst(request, event));
  } else if (request.mode === "navigate" || url.pathname === "/programme.json") {
    event.respondWith(networkFirst(request));
  }
});
