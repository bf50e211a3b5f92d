package web

import (
	"net/http"
	"strconv"
)

// notBuiltPage is what a binary built before the web app answers for
// every page. It has no script or style, so the strict CSP allows it.
const notBuiltPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Triage: web app not built</title></head>
<body>
<main>
<h1>The web app is not built</h1>
<p>This Triage binary was compiled before its web app was built, so there is no page to show. The API under <code>/api/v1/</code> works.</p>
<p>Build it and the binary again: run <code>make web</code> (or <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>) and then <code>make build</code>, or run <code>make run</code>, which builds the app when it is missing or stale.</p>
</main>
</body>
</html>
`

// serveNotBuilt answers with notBuiltPage and 503, so monitoring and
// scripts do not mistake it for the app.
func serveNotBuilt(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(notBuiltPage)))
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte(notBuiltPage))
	}
}
