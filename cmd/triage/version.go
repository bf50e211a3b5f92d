package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Set by the Makefile with -ldflags "-X main.version=... -X main.commit=...".
var (
	version string
	commit  string
)

type versionInfo struct {
	version, commit, goVersion string
}

// buildVersion returns what -ldflags set, falling back to what the Go
// toolchain recorded in the binary (module version, VCS revision).
func buildVersion() versionInfo {
	v := versionInfo{version: version, commit: commit, goVersion: runtime.Version()}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v.orUnknown()
	}
	if v.version == "" {
		v.version = info.Main.Version
	}
	if v.commit == "" {
		modified := false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				v.commit = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if modified && v.commit != "" {
			v.commit += "-dirty"
		}
	}
	return v.orUnknown()
}

func (v versionInfo) orUnknown() versionInfo {
	if v.version == "" || v.version == "(devel)" {
		v.version = "dev"
	}
	if v.commit == "" {
		v.commit = "unknown"
	}
	return v
}

func versionCmd(_ context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "version", "version")
	if err := parse(fs, args); err != nil {
		return err
	}
	v := buildVersion()
	fmt.Fprintf(e.stdout, "triage %s\ncommit %s\n%s %s/%s\n", v.version, v.commit, v.goVersion, runtime.GOOS, runtime.GOARCH)
	return nil
}
