// Package web serves Triage's single-page web app: the files Vite builds
// into web/dist, embedded in the binary. A fresh clone has only
// dist/.keep, so the package always compiles; until the app is built the
// handler answers every page with a notice saying how to build it.
package web

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed all:dist
var dist embed.FS

// Handler serves the embedded build of the web app.
func Handler() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only for an invalid directory name.
		panic(err)
	}
	return NewHandler(sub)
}
