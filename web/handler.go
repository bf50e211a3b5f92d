package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Cache policies. Files under assets/ carry a content hash in their name,
// so a browser may keep them forever; everything else is revalidated.
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// NewHandler serves the web app found in fsys (the contents of dist/):
// files as they are, hashed assets as immutable, index.html for every
// other path so client-side routes load the app, and the .br or .gz copy
// of a file when the client accepts it. API paths never reach it: the API
// server routes them first.
func NewHandler(fsys fs.FS) http.Handler {
	h := &handler{fsys: fsys, etags: map[string]string{}}
	if info, err := fs.Stat(fsys, "index.html"); err == nil && info.Mode().IsRegular() {
		h.built = true
	}
	return h
}

type handler struct {
	fsys  fs.FS
	built bool

	mu    sync.Mutex
	etags map[string]string // file name -> strong ETag
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || name == "index.html" {
		h.serveIndex(w, r)
		return
	}
	if h.isFile(name) {
		cache := cacheRevalidate
		if strings.HasPrefix(name, "assets/") {
			cache = cacheImmutable
		}
		h.serveFile(w, r, name, cache)
		return
	}
	if name == "assets" || strings.HasPrefix(name, "assets/") || path.Ext(name) != "" {
		// A missing asset must not turn into the HTML page: the browser
		// would try to run it as a script.
		w.Header().Set("Cache-Control", cacheRevalidate)
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	h.serveIndex(w, r)
}

// isFile reports whether name is a regular file the app may serve. Hidden
// files (.keep, .vite/manifest.json) are build details, never served.
func (h *handler) isFile(name string) bool {
	if !fs.ValidPath(name) {
		return false
	}
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") {
			return false
		}
	}
	info, err := fs.Stat(h.fsys, name)
	return err == nil && info.Mode().IsRegular()
}

// serveIndex answers with the app's HTML page, or the not-built notice.
func (h *handler) serveIndex(w http.ResponseWriter, r *http.Request) {
	if !h.built {
		serveNotBuilt(w, r)
		return
	}
	h.serveFile(w, r, "index.html", cacheRevalidate)
}

// serveFile sends name, or its precompressed copy when the client accepts
// one, with its type, length, cache policy and ETag. Conditional and range
// requests are handled by http.ServeContent.
func (h *handler) serveFile(w http.ResponseWriter, r *http.Request, name, cache string) {
	hdr := w.Header()
	hdr.Set("Content-Type", contentType(name))
	hdr.Set("Cache-Control", cache)

	variants := h.variants(name)
	if len(variants) > 0 {
		hdr.Add("Vary", "Accept-Encoding")
	}
	file := name
	if enc := negotiate(r.Header.Get("Accept-Encoding"), variants); enc != "" {
		hdr.Set("Content-Encoding", enc)
		file = name + encodings[enc]
	}

	content, closeFile, err := h.open(file)
	if err != nil {
		http.Error(w, "500 internal server error", http.StatusInternalServerError)
		return
	}
	defer closeFile()
	if cache == cacheRevalidate {
		etag, err := h.etag(file, content)
		if err != nil {
			http.Error(w, "500 internal server error", http.StatusInternalServerError)
			return
		}
		hdr.Set("ETag", etag)
	}
	if file != name {
		// http.ServeContent leaves out Content-Length for encoded bodies,
		// and byte ranges of a compressed copy help no one: send it whole.
		size, err := content.Seek(0, io.SeekEnd)
		if err == nil {
			_, err = content.Seek(0, io.SeekStart)
		}
		if err != nil {
			http.Error(w, "500 internal server error", http.StatusInternalServerError)
			return
		}
		hdr.Set("Content-Length", strconv.FormatInt(size, 10))
		r = r.Clone(r.Context())
		r.Header.Del("Range")
	}
	http.ServeContent(w, r, "", time.Time{}, content)
}

// encodings maps the Content-Encoding names this handler sends to the
// suffix of the precompressed file, best first.
var encodings = map[string]string{"br": ".br", "gzip": ".gz"}

// variants lists the encodings that have a precompressed copy of name.
func (h *handler) variants(name string) []string {
	var out []string
	for _, enc := range []string{"br", "gzip"} {
		if h.isFile(name + encodings[enc]) {
			out = append(out, enc)
		}
	}
	return out
}

// open returns the file's content as an io.ReadSeeker, reading it into
// memory when the file system's files cannot seek, and the function that
// closes it.
func (h *handler) open(name string) (io.ReadSeeker, func() error, error) {
	f, err := h.fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	if rs, ok := f.(io.ReadSeeker); ok {
		return rs, f.Close, nil
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, nil, err
	}
	return bytes.NewReader(b), func() error { return nil }, nil
}

// etag returns the strong ETag of one stored file, computed once. Each
// encoding is its own file and so has its own tag, as HTTP requires.
func (h *handler) etag(name string, content io.ReadSeeker) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if tag, ok := h.etags[name]; ok {
		return tag, nil
	}
	sum := sha256.New()
	if _, err := io.Copy(sum, content); err != nil {
		return "", err
	}
	if _, err := content.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	tag := `"` + base64.RawURLEncoding.EncodeToString(sum.Sum(nil)[:18]) + `"`
	h.etags[name] = tag
	return tag, nil
}

// contentTypes fixes the types of the files Vite emits, rather than
// trusting the host's MIME tables.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".webp":        "image/webp",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".txt":         "text/plain; charset=utf-8",
	".webmanifest": "application/manifest+json",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
