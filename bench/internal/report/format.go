package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Millis formats a latency in milliseconds with three significant digits
// at most ("0.412 ms", "12.3 ms", "250 ms").
func Millis(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	switch {
	case ms < 1:
		return fmt.Sprintf("%.3f ms", ms)
	case ms < 10:
		return fmt.Sprintf("%.2f ms", ms)
	case ms < 100:
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

// Seconds formats a longer duration ("3.4 s", "1 min 52 s").
func Seconds(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%d min %d s", int(d.Minutes()), int(d.Seconds())%60)
}

// MB formats a byte count in mebibytes, written MB as the issue does.
func MB(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// KB formats a body size in kibibytes.
func KB(n int) string {
	return fmt.Sprintf("%.1f KB", float64(n)/1024)
}

// Size formats a ticket count the way the issue does: 10k, 100k, 1M.
func Size(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return strconv.Itoa(n/1_000_000) + "M"
	case n >= 1000 && n%1000 == 0:
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}

// ParseSize reads a ticket count written as 10k, 100k, 1m, 1M or 2500.
func ParseSize(s string) (int, error) {
	orig := s
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", ""))
	mult := 1
	switch {
	case strings.HasSuffix(s, "k"), strings.HasSuffix(s, "K"):
		mult, s = 1000, s[:len(s)-1]
	case strings.HasSuffix(s, "m"), strings.HasSuffix(s, "M"):
		mult, s = 1_000_000, s[:len(s)-1]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || n > 10_000_000/mult {
		return 0, fmt.Errorf("%q is not a ticket count such as 10k, 100k or 1m (at most 10m)", orig)
	}
	return n * mult, nil
}

// count formats an integer with thousands separators.
func count(n int) string {
	if n < 0 {
		return "-" + count(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// rate formats requests per second: separators, one decimal below 100.
func rate(v float64) string {
	if v < 100 {
		return fmt.Sprintf("%.1f", v)
	}
	return count(int(v + 0.5))
}

// percent formats a share as a percentage with one decimal, two below 1%.
func percent(v float64) string {
	if v < 0.01 {
		return fmt.Sprintf("%.2f%%", v*100)
	}
	return fmt.Sprintf("%.1f%%", v*100)
}
