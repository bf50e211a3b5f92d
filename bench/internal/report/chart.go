package report

import (
	"fmt"
	"math"
	"os"
	"slices"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Chart draws, for each engine, the p99 latency and the throughput (as a
// share of the plain handler) of the Main scenarios against the number
// of tickets, and writes it as a PNG to path.
func Chart(res Results, path string) error {
	var engines []string
	var sizes []int // every panel gets the same x axis
	for _, r := range res.Runs {
		if !slices.Contains(engines, r.Engine) {
			engines = append(engines, r.Engine)
		}
		if !slices.Contains(sizes, r.Tickets) {
			sizes = append(sizes, r.Tickets)
		}
	}
	if len(engines) == 0 {
		return fmt.Errorf("chart: no runs")
	}
	plots := make([][]*plot.Plot, len(engines))
	for i, e := range engines {
		var runs []Run
		for _, r := range res.Runs {
			if r.Engine == e {
				runs = append(runs, r)
			}
		}
		lat, err := panel(runs, sizes, engineTitle(e)+": p99 latency", "p99 (ms, log scale)", true, func(r *Run, f Figure) float64 {
			return float64(f.P99) / float64(time.Millisecond)
		})
		if err != nil {
			return err
		}
		thr, err := panel(runs, sizes, engineTitle(e)+": throughput", "% of plain net/http handler", false, func(r *Run, f Figure) float64 {
			return 100 * r.Ratio(f)
		})
		if err != nil {
			return err
		}
		plots[i] = []*plot.Plot{lat, thr}
	}
	w, h := 26*vg.Centimeter, vg.Length(len(engines))*10*vg.Centimeter
	img := vgimg.New(w, h)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: len(engines), Cols: 2, PadX: vg.Centimeter, PadY: vg.Centimeter,
		PadTop: 4 * vg.Millimeter, PadBottom: 4 * vg.Millimeter, PadLeft: 4 * vg.Millimeter, PadRight: 4 * vg.Millimeter}
	canvases := plot.Align(plots, tiles, dc)
	for i := range plots {
		for j := range plots[i] {
			plots[i][j].Draw(canvases[i][j])
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("write chart: %w", err)
	}
	return f.Close()
}

// panel plots value for each Main scenario of runs (one engine) against
// the number of tickets, on a logarithmic axis labelled 10k, 100k, 1M.
// Latencies span milliseconds to seconds, so they get a logarithmic
// y axis too (logY).
func panel(runs []Run, sizes []int, title, ylabel string, logY bool, value func(r *Run, f Figure) float64) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "tickets"
	p.Y.Label.Text = ylabel
	p.X.Scale = plot.LogScale{}
	p.Legend.Top = true
	p.Legend.Left = true
	var ticks []plot.Tick
	lo, hi := 0.0, 0.0
	for _, n := range sizes {
		x := float64(n)
		ticks = append(ticks, plot.Tick{Value: x, Label: Size(n)})
		if lo == 0 || x < lo {
			lo = x
		}
		hi = max(hi, x)
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	// Some room on both sides keeps a single size from being a zero-width
	// axis, which a logarithmic scale cannot draw.
	p.X.Min, p.X.Max = lo/1.6, hi*1.6
	p.Add(plotter.NewGrid())
	ylo, yhi := math.Inf(1), 0.0
	for i, name := range Main {
		var pts plotter.XYs
		for ri := range runs {
			r := &runs[ri]
			if f, ok := r.Scenario(name); ok && f.OK > 0 {
				y := value(r, f)
				pts = append(pts, plotter.XY{X: float64(r.Tickets), Y: y})
				ylo, yhi = min(ylo, y), max(yhi, y)
			}
		}
		if len(pts) == 0 {
			continue
		}
		l, s, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", name, err)
		}
		l.Color = plotutil.Color(i)
		l.Dashes = plotutil.Dashes(i)
		s.Color = plotutil.Color(i)
		s.Shape = plotutil.Shape(i)
		p.Add(l, s)
		p.Legend.Add(name, l, s)
	}
	// The data keeps to the lower 60% of each panel, leaving the top to
	// the legend.
	switch {
	case yhi <= 0: // nothing to draw; an empty axis
		p.Y.Min, p.Y.Max = 0, 1
	case logY:
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
		p.Y.Min = ylo / 1.5
		p.Y.Max = p.Y.Min * math.Pow(yhi*1.2/p.Y.Min, 1/0.6)
	default:
		p.Y.Min, p.Y.Max = 0, yhi/0.6
	}
	return p, nil
}
