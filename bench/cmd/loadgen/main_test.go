package main

import (
	"io"
	"slices"
	"testing"
	"time"

	"github.com/triagehq/triage/bench/internal/load"
	"github.com/triagehq/triage/internal/seed"
)

func TestParseFlags(t *testing.T) {
	t.Run("Defaults", func(t *testing.T) {
		cfg, err := parseFlags(nil, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(cfg.engines, []string{"sqlite", "postgres"}) || !slices.Equal(cfg.sizes, []int{10_000, 100_000, 1_000_000}) {
			t.Errorf("engines %v, sizes %v", cfg.engines, cfg.sizes)
		}
		if cfg.conc != 32 || cfg.timing != (load.Timing{Warmup: 2 * time.Second, Duration: 10 * time.Second}) {
			t.Errorf("conc %d, timing %+v", cfg.conc, cfg.timing)
		}
		if got := cfg.words[load.Role50]; got.Source != "seed" || !slices.Equal(got.Candidates, []string{seed.CommonWord}) {
			t.Errorf("50pct word = %+v, want the seed's common word", got)
		}
		if got := cfg.words[load.RoleRare]; len(got.Candidates) == 0 {
			t.Errorf("no rare word candidates")
		}
	})
	t.Run("Choices", func(t *testing.T) {
		cfg, err := parseFlags([]string{"-engines", "sqlite", "-n", "100k, 10k", "-words", "sample",
			"-word-rare", "zeppelin", "-scenarios", "list,open", "-server-env", "A=b"}, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(cfg.sizes, []int{10_000, 100_000}) {
			t.Errorf("sizes = %v, want sorted", cfg.sizes)
		}
		if len(cfg.words) != 1 || cfg.words[load.RoleRare].Candidates[0] != "zeppelin" || cfg.words[load.RoleRare].Source != "flag" {
			t.Errorf("words = %+v, want only the rare word, from the flag", cfg.words)
		}
		if !slices.Equal(cfg.scenarios, []string{"list", "open"}) || !slices.Equal(cfg.serverEnv, []string{"A=b"}) {
			t.Errorf("scenarios %v, server env %v", cfg.scenarios, cfg.serverEnv)
		}
	})
	for name, args := range map[string][]string{
		"BadEngine":   {"-engines", "mysql"},
		"BadSize":     {"-n", "lots"},
		"BadScenario": {"-scenarios", "dance"},
		"BadWords":    {"-words", "dictionary"},
		"BadEnv":      {"-server-env", "NOEQUALS"},
		"NoSizes":     {"-n", ","},
		"ZeroConns":   {"-c", "0"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := parseFlags(args, io.Discard); err == nil {
				t.Errorf("parseFlags(%q): no error", args)
			}
		})
	}
}
