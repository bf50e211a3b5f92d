package seed

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress reports tickets written.
type progress interface {
	Add(n int) error
	Describe(what string)
	Close() error
}

type noProgress struct{}

func (noProgress) Add(int) error   { return nil }
func (noProgress) Describe(string) {}
func (noProgress) Close() error    { return nil }

// barProgress ends its bar with a newline, so what is printed next starts
// on a line of its own.
type barProgress struct {
	*progressbar.ProgressBar
	w io.Writer
}

func (b barProgress) Close() error {
	if err := b.Finish(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(b.w)
	return err
}

// newProgress returns a progress bar on w, or nothing when w is nil (not a
// terminal, or --quiet).
func newProgress(w io.Writer, total int) progress {
	if w == nil || total == 0 {
		return noProgress{}
	}
	return barProgress{w: w, ProgressBar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("Seeding tickets"),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("tickets"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(true),
	)}
}
