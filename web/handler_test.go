package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/triagehq/triage/web"
)

const (
	indexHTML = `<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>`
	appJS     = `console.log("app");`
)

// gz compresses s, for the .gz copies in the test file system.
func gz(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// builtFS is a dist/ as the build leaves it.
func builtFS(t *testing.T) fstest.MapFS {
	return fstest.MapFS{
		".keep":                         {Data: nil},
		".vite/manifest.json":           {Data: []byte(`{}`)},
		"index.html":                    {Data: []byte(indexHTML)},
		"index.html.gz":                 {Data: []byte(gz(t, indexHTML))},
		"index.html.br":                 {Data: []byte("BROTLI-INDEX")},
		"favicon.svg":                   {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		"assets/index-abc123.js":        {Data: []byte(appJS)},
		"assets/index-abc123.js.gz":     {Data: []byte(gz(t, appJS))},
		"assets/index-abc123.js.br":     {Data: []byte("BROTLI-JS")},
		"assets/index-abc123.css":       {Data: []byte(`body{}`)},
		"assets/only-gzip-def456.js":    {Data: []byte(`x`)},
		"assets/only-gzip-def456.js.gz": {Data: []byte(gz(t, `x`))},
	}
}

type request struct {
	method, path, acceptEncoding, ifNoneMatch string
}

func do(t *testing.T, h http.Handler, req request) *httptest.ResponseRecorder {
	t.Helper()
	method := req.method
	if method == "" {
		method = http.MethodGet
	}
	r := httptest.NewRequest(method, req.path, nil)
	if req.acceptEncoding != "" {
		r.Header.Set("Accept-Encoding", req.acceptEncoding)
	}
	if req.ifNoneMatch != "" {
		r.Header.Set("If-None-Match", req.ifNoneMatch)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandler(t *testing.T) {
	h := web.NewHandler(builtFS(t))
	tests := []struct {
		name        string
		req         request
		status      int
		body        string
		contentType string
		encoding    string
		cache       string
		vary        bool
	}{
		{"Root", request{path: "/"}, 200, indexHTML, "text/html; charset=utf-8", "", "no-cache", true},
		{"IndexByName", request{path: "/index.html"}, 200, indexHTML, "text/html; charset=utf-8", "", "no-cache", true},
		{"ClientRoute", request{path: "/tickets/42"}, 200, indexHTML, "text/html; charset=utf-8", "", "no-cache", true},
		{"DeepClientRoute", request{path: "/portal/tickets/new?x=1"}, 200, indexHTML, "text/html; charset=utf-8", "", "no-cache", true},
		{"ClientRouteBrotli", request{path: "/login", acceptEncoding: "gzip, deflate, br"}, 200, "BROTLI-INDEX", "text/html; charset=utf-8", "br", "no-cache", true},
		{"Asset", request{path: "/assets/index-abc123.js"}, 200, appJS, "text/javascript; charset=utf-8", "", "public, max-age=31536000, immutable", true},
		{"AssetBrotli", request{path: "/assets/index-abc123.js", acceptEncoding: "br"}, 200, "BROTLI-JS", "text/javascript; charset=utf-8", "br", "public, max-age=31536000, immutable", true},
		{"AssetGzip", request{path: "/assets/index-abc123.js", acceptEncoding: "gzip"}, 200, gz(t, appJS), "text/javascript; charset=utf-8", "gzip", "public, max-age=31536000, immutable", true},
		{"AssetBrotliRefused", request{path: "/assets/index-abc123.js", acceptEncoding: "br;q=0, gzip;q=0.5"}, 200, gz(t, appJS), "text/javascript; charset=utf-8", "gzip", "public, max-age=31536000, immutable", true},
		{"AssetWildcard", request{path: "/assets/index-abc123.js", acceptEncoding: "*"}, 200, "BROTLI-JS", "text/javascript; charset=utf-8", "br", "public, max-age=31536000, immutable", true},
		{"AssetIdentityOnly", request{path: "/assets/index-abc123.js", acceptEncoding: "identity, *;q=0"}, 200, appJS, "text/javascript; charset=utf-8", "", "public, max-age=31536000, immutable", true},
		{"AssetOnlyGzipCopy", request{path: "/assets/only-gzip-def456.js", acceptEncoding: "br, gzip"}, 200, gz(t, "x"), "text/javascript; charset=utf-8", "gzip", "public, max-age=31536000, immutable", true},
		{"AssetNoCopies", request{path: "/assets/index-abc123.css", acceptEncoding: "br, gzip"}, 200, "body{}", "text/css; charset=utf-8", "", "public, max-age=31536000, immutable", false},
		{"PublicFile", request{path: "/favicon.svg"}, 200, `<svg xmlns="http://www.w3.org/2000/svg"/>`, "image/svg+xml", "", "no-cache", false},
		{"MissingAsset", request{path: "/assets/index-old999.js"}, 404, "404 page not found\n", "text/plain; charset=utf-8", "", "", false},
		{"MissingFileWithExtension", request{path: "/robots.txt"}, 404, "404 page not found\n", "text/plain; charset=utf-8", "", "", false},
		{"AssetsDirectory", request{path: "/assets/"}, 404, "404 page not found\n", "text/plain; charset=utf-8", "", "", false},
		{"HiddenFile", request{path: "/.keep"}, 404, "404 page not found\n", "text/plain; charset=utf-8", "", "", false},
		{"ViteManifest", request{path: "/.vite/manifest.json"}, 404, "404 page not found\n", "text/plain; charset=utf-8", "", "", false},
		{"DotDot", request{path: "/assets/../index.html"}, 200, indexHTML, "text/html; charset=utf-8", "", "no-cache", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, h, tt.req)
			if got := w.Code; got != tt.status {
				t.Fatalf("status: got %d, want %d", got, tt.status)
			}
			if got := w.Body.String(); got != tt.body {
				t.Errorf("body: got %q, want %q", got, tt.body)
			}
			if got := w.Header().Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type: got %q, want %q", got, tt.contentType)
			}
			if got := w.Header().Get("Content-Encoding"); got != tt.encoding {
				t.Errorf("Content-Encoding: got %q, want %q", got, tt.encoding)
			}
			if tt.status == 200 {
				if got := w.Header().Get("Cache-Control"); got != tt.cache {
					t.Errorf("Cache-Control: got %q, want %q", got, tt.cache)
				}
				if got, want := w.Header().Get("Content-Length"), strconv.Itoa(len(tt.body)); got != want {
					t.Errorf("Content-Length: got %q, want %q", got, want)
				}
			}
			if got := w.Header().Get("Vary") == "Accept-Encoding"; got != tt.vary {
				t.Errorf("Vary: Accept-Encoding: got %v, want %v (Vary=%q)", got, tt.vary, w.Header().Get("Vary"))
			}
		})
	}
}

func TestHandlerIndexETag(t *testing.T) {
	h := web.NewHandler(builtFS(t))
	first := do(t, h, request{path: "/tickets"})
	etag := first.Header().Get("ETag")
	if etag == "" || !strings.HasPrefix(etag, `"`) {
		t.Fatalf("ETag: got %q, want a strong tag", etag)
	}

	t.Run("NotModified", func(t *testing.T) {
		w := do(t, h, request{path: "/admin/users", ifNoneMatch: etag})
		if got, want := w.Code, http.StatusNotModified; got != want {
			t.Fatalf("status: got %d, want %d", got, want)
		}
		if w.Body.Len() != 0 {
			t.Errorf("body: got %d bytes, want none", w.Body.Len())
		}
	})
	t.Run("StaleTag", func(t *testing.T) {
		w := do(t, h, request{path: "/", ifNoneMatch: `"old"`})
		if got, want := w.Code, http.StatusOK; got != want {
			t.Fatalf("status: got %d, want %d", got, want)
		}
	})
	t.Run("EachEncodingItsOwnTag", func(t *testing.T) {
		br := do(t, h, request{path: "/", acceptEncoding: "br"}).Header().Get("ETag")
		gzTag := do(t, h, request{path: "/", acceptEncoding: "gzip"}).Header().Get("ETag")
		if br == etag || gzTag == etag || br == gzTag {
			t.Errorf("ETags: identity %s, br %s, gzip %s; want three different tags", etag, br, gzTag)
		}
	})
	t.Run("AssetsHaveNone", func(t *testing.T) {
		if got := do(t, h, request{path: "/assets/index-abc123.js"}).Header().Get("ETag"); got != "" {
			t.Errorf("ETag: got %q, want none on immutable assets", got)
		}
	})
}

func TestHandlerMethods(t *testing.T) {
	h := web.NewHandler(builtFS(t))
	t.Run("Head", func(t *testing.T) {
		w := do(t, h, request{method: http.MethodHead, path: "/assets/index-abc123.js"})
		if got, want := w.Code, http.StatusOK; got != want {
			t.Fatalf("status: got %d, want %d", got, want)
		}
		if got, want := w.Header().Get("Content-Length"), strconv.Itoa(len(appJS)); got != want {
			t.Errorf("Content-Length: got %q, want %q", got, want)
		}
		if w.Body.Len() != 0 {
			t.Errorf("body: got %d bytes, want none", w.Body.Len())
		}
	})
	t.Run("Post", func(t *testing.T) {
		w := do(t, h, request{method: http.MethodPost, path: "/login"})
		if got, want := w.Code, http.StatusMethodNotAllowed; got != want {
			t.Fatalf("status: got %d, want %d", got, want)
		}
		if got, want := w.Header().Get("Allow"), "GET, HEAD"; got != want {
			t.Errorf("Allow: got %q, want %q", got, want)
		}
	})
}

func TestHandlerNotBuilt(t *testing.T) {
	h := web.NewHandler(fstest.MapFS{".keep": {Data: nil}})
	for _, p := range []string{"/", "/login", "/tickets/7"} {
		t.Run(strings.ReplaceAll(p, "/", "_"), func(t *testing.T) {
			w := do(t, h, request{path: p})
			if got, want := w.Code, http.StatusServiceUnavailable; got != want {
				t.Fatalf("status: got %d, want %d", got, want)
			}
			if got, want := w.Header().Get("Content-Type"), "text/html; charset=utf-8"; got != want {
				t.Errorf("Content-Type: got %q, want %q", got, want)
			}
			if got, want := w.Header().Get("Cache-Control"), "no-store"; got != want {
				t.Errorf("Cache-Control: got %q, want %q", got, want)
			}
			body := w.Body.String()
			for _, want := range []string{"The web app is not built", "make web", "make run"} {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %q:\n%s", want, body)
				}
			}
			if strings.Contains(body, "<script") || strings.Contains(body, "style=") {
				t.Errorf("body has inline script or style, which the CSP blocks:\n%s", body)
			}
		})
	}
	t.Run("MissingAsset", func(t *testing.T) {
		if got, want := do(t, h, request{path: "/assets/index-abc123.js"}).Code, http.StatusNotFound; got != want {
			t.Errorf("status: got %d, want %d", got, want)
		}
	})
}

// TestHandlerEmbedded checks the real embedded build: the app's page when
// web/dist was built before `go test`, the notice when it was not.
func TestHandlerEmbedded(t *testing.T) {
	w := do(t, web.Handler(), request{path: "/tickets"})
	body, _ := io.ReadAll(w.Body)
	switch w.Code {
	case http.StatusOK:
		if !bytes.Contains(body, []byte(`<div id="root">`)) {
			t.Errorf("body: got %q, want the app's index.html", body)
		}
	case http.StatusServiceUnavailable:
		if !bytes.Contains(body, []byte("The web app is not built")) {
			t.Errorf("body: got %q, want the not-built notice", body)
		}
	default:
		t.Errorf("status: got %d, want 200 (built) or 503 (not built)", w.Code)
	}
}
